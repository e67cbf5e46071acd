import Foundation

/// Reads vCards from a file (or bytes) a chunk at a time and hands out one card at a time,
/// so a file of any size is read with flat memory: only the current chunk, the line being
/// read and the card being built are held. Physical lines end in CRLF, LF or CR (a CRLF split
/// across two chunks is one line end); a line that starts with a space or tab continues the
/// one before (folding); a quoted-printable line that ends in `=` continues on the next line
/// (vCard 2.1 soft line breaks). Works on UTF-8 bytes, so a writer that folded inside a
/// multi-byte character, or a chunk that ends inside one, is joined back whole.
///
/// `next()` throws the first structural error (no END, a nested BEGIN, a line without a
/// colon, ...) with its physical line, as `VCard.parse` does; after an error it returns nil.
public final class VCardReader {
  /// 64 KiB: few reads, little memory.
  public static let defaultChunkSize = 1 << 16

  private let read: (Int) throws -> [UInt8]?
  private let chunkSize: Int
  private var chunk: [UInt8] = []
  private var position = 0
  private var atEnd = false
  /// The bytes of a physical line that began in an earlier chunk.
  private var partial: [UInt8] = []
  /// The last line ended in CR: an LF that follows (maybe in the next chunk) belongs to it.
  private var skipLF = false
  /// Physical lines read so far.
  private var number = 0
  /// The logical line being unfolded.
  private var current: VCardLine?
  /// The card being read (BEGIN seen, END not yet).
  private var open: VCardCard?
  private var finished = false

  /// Reads from `next(count)`, which returns up to `count` bytes, or nil or empty at the end.
  init(chunkSize: Int, read: @escaping (Int) throws -> [UInt8]?) {
    self.chunkSize = max(1, chunkSize)
    self.read = read
  }

  /// The cards in `bytes`, read `chunkSize` bytes at a time (tests use small sizes to cross
  /// chunk boundaries everywhere).
  public convenience init(bytes: [UInt8], chunkSize: Int = defaultChunkSize) {
    var offset = 0
    self.init(chunkSize: chunkSize) { count in
      guard offset < bytes.count else { return nil }
      let end = min(bytes.count, offset + count)
      defer { offset = end }
      return Array(bytes[offset..<end])
    }
  }

  /// The cards in the file at `url`; throws if it cannot be opened.
  public convenience init(url: URL, chunkSize: Int = defaultChunkSize) throws {
    let handle = try FileHandle(forReadingFrom: url)
    self.init(chunkSize: chunkSize) { count in
      guard let data = try handle.read(upToCount: count), !data.isEmpty else {
        try? handle.close()
        return nil
      }
      return [UInt8](data)
    }
  }

  /// The next card, or nil at the end of the file.
  public func next() throws(VCardError) -> VCardCard? {
    guard !finished else { return nil }
    do {
      return try readCard()
    } catch {
      finished = true
      throw error
    }
  }

  private func readCard() throws(VCardError) -> VCardCard? {
    while let line = try nextLogicalLine() {
      let property = try VCardContentLine.parse(line)
      switch property.name {
      case "BEGIN":
        let word = Self.word(property.value)
        if let card = open {
          throw VCardError(
            line: line.number,
            reason: "BEGIN:\(word) inside the card that began on line \(card.line)")
        }
        guard word == "VCARD" else {
          throw VCardError(line: line.number, reason: "BEGIN:\(word) where BEGIN:VCARD belongs")
        }
        open = VCardCard(line: line.number, properties: [])
      case "END":
        let word = Self.word(property.value)
        guard let card = open else {
          throw VCardError(line: line.number, reason: "END:\(word) with no BEGIN:VCARD before it")
        }
        guard word == "VCARD" else {
          throw VCardError(
            line: line.number, reason: "END:\(word) in the card that began on line \(card.line)")
        }
        open = nil
        return card
      default:
        guard open != nil else {
          throw VCardError(
            line: line.number,
            reason: "\"\(VCardContentLine.preview(line.bytes))\" outside BEGIN:VCARD..END:VCARD")
        }
        if property.name == "VERSION" {
          let word = Self.word(property.value)
          guard ["2.1", "3.0", "4.0"].contains(word) else {
            throw VCardError(line: line.number, reason: "unsupported vCard version \"\(word)\"")
          }
        }
        open!.properties.append(property)
      }
    }
    finished = true
    if let card = open {
      throw VCardError(line: card.line, reason: "BEGIN:VCARD with no END:VCARD")
    }
    return nil
  }

  private static func word(_ value: String) -> String {
    value.trimmingCharacters(in: .whitespaces).uppercased()
  }

  // MARK: - Lines

  /// The next logical line: physical lines unfolded, quoted-printable soft breaks joined.
  private func nextLogicalLine() throws(VCardError) -> VCardLine? {
    while let line = try nextPhysicalLine() {
      number += 1
      var bytes = line[...]
      if number == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }  // BOM
      if let open = current, open.bytes.last == UInt8(ascii: "="),
        VCardLines.isQuotedPrintable(open.bytes)
      {
        current!.bytes.removeLast()
        current!.bytes.append(contentsOf: bytes)
        continue
      }
      if let first = bytes.first, first == 0x20 || first == 0x09 {
        if current != nil {
          current!.bytes.append(contentsOf: bytes.dropFirst())
        } else if bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
          throw VCardError(line: number, reason: "a folded line with no line before it")
        }
        continue
      }
      let done = current
      current = bytes.isEmpty ? nil : VCardLine(number: number, bytes: Array(bytes))
      if let done { return done }
    }
    defer { current = nil }
    return current
  }

  /// The next physical line without its line end, or nil at the end of the input.
  private func nextPhysicalLine() throws(VCardError) -> [UInt8]? {
    while true {
      if position == chunk.count {
        guard try refill() else {
          guard !partial.isEmpty else { return nil }
          defer { partial = [] }
          return partial
        }
      }
      if skipLF {
        skipLF = false
        if chunk[position] == 0x0A {
          position += 1
          continue
        }
      }
      let start = position
      let end = chunk[start...].firstIndex { $0 == 0x0A || $0 == 0x0D }
      guard let end else {
        partial.append(contentsOf: chunk[start...])
        position = chunk.count
        continue
      }
      position = end + 1
      skipLF = chunk[end] == 0x0D
      if partial.isEmpty { return Array(chunk[start..<end]) }
      partial.append(contentsOf: chunk[start..<end])
      defer { partial = [] }
      return partial
    }
  }

  /// Reads the next chunk; false at the end of the input.
  private func refill() throws(VCardError) -> Bool {
    guard !atEnd else { return false }
    let bytes: [UInt8]?
    do {
      bytes = try read(chunkSize)
    } catch {
      throw VCardError(
        line: number + 1, reason: "cannot read the file: \(error.localizedDescription)")
    }
    guard let bytes, !bytes.isEmpty else {
      atEnd = true
      chunk = []
      position = 0
      return false
    }
    chunk = bytes
    position = 0
    return true
  }
}
