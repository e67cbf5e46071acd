/// Splits vCard text into logical lines: physical lines end in CRLF, LF or CR; a line that
/// starts with a space or tab continues the one before (folding); a quoted-printable line
/// that ends in `=` continues on the next line (vCard 2.1 soft line breaks). Works on UTF-8
/// bytes, so a writer that folded inside a multi-byte character is joined back whole.
struct VCardLine {
  /// The physical line (1-based) where this logical line starts.
  var number: Int
  var bytes: [UInt8]
}

enum VCardLines {
  static func logicalLines(_ text: String) throws(VCardError) -> [VCardLine] {
    var lines: [VCardLine] = []
    var current: VCardLine?
    var number = 0
    var utf8 = Array(text.utf8)
    if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { utf8.removeFirst(3) }  // byte order mark
    var start = 0
    var index = 0

    func take(_ line: ArraySlice<UInt8>) throws(VCardError) {
      number += 1
      if var open = current, open.bytes.last == UInt8(ascii: "="), isQuotedPrintable(open.bytes) {
        open.bytes.removeLast()
        open.bytes.append(contentsOf: line)
        current = open
        return
      }
      if let first = line.first, first == 0x20 || first == 0x09 {
        if current != nil {
          current!.bytes.append(contentsOf: line.dropFirst())
        } else if line.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
          throw VCardError(line: number, reason: "a folded line with no line before it")
        }
        return
      }
      if let open = current { lines.append(open) }
      current = line.isEmpty ? nil : VCardLine(number: number, bytes: Array(line))
    }

    while index < utf8.count {
      let byte = utf8[index]
      if byte == 0x0A || byte == 0x0D {
        try take(utf8[start..<index])
        if byte == 0x0D, index + 1 < utf8.count, utf8[index + 1] == 0x0A { index += 1 }
        start = index + 1
      }
      index += 1
    }
    if start < utf8.count { try take(utf8[start...]) }
    if let open = current { lines.append(open) }
    return lines
  }

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
