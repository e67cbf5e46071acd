/// One logical line of a vCard file (physical lines unfolded; see `VCardReader`, which makes
/// them): the physical line where it starts and its UTF-8 bytes.
struct VCardLine {
  /// The physical line (1-based) where this logical line starts.
  var number: Int
  var bytes: [UInt8]
}

enum VCardLines {
  /// Whether the part before the value names the quoted-printable encoding.
  static func isQuotedPrintable(_ bytes: [UInt8]) -> Bool {
    var inQuotes = false
    var end = bytes.count
    for (offset, byte) in bytes.enumerated() {
      if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
      if byte == UInt8(ascii: ":") && !inQuotes {
        end = offset
        break
      }
    }
    return String(decoding: bytes[..<end], as: UTF8.self).uppercased()
      .contains("QUOTED-PRINTABLE")
  }
}
