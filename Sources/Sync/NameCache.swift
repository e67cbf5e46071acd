import Foundation

/// Short strings seen before, by their bytes: a page names the same few entities, fields and
/// actors over and over.
struct NameCache {
  static let maxLength = 48
  private static let slots = 256
  private var keys: [[UInt8]] = Array(repeating: [], count: slots)
  private var values: [String] = Array(repeating: "", count: slots)

  private static func slot(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    // FNV-1a over the bytes.
    var hash: UInt32 = 2_166_136_261
    for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    return Int(hash & UInt32(slots - 1))
  }

  func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    let slot = Self.slot(bytes)
    let key = keys[slot]
    guard key.count == bytes.count, !key.isEmpty else { return nil }
    let same = key.withUnsafeBufferPointer { stored in
      memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
    }
    return same ? values[slot] : nil
  }

  mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) {
    guard !bytes.isEmpty else { return }
    let slot = Self.slot(bytes)
    keys[slot] = Array(bytes)
    values[slot] = text
  }
}
