import Foundation

/// Reads one logical line as a property: `[group "."] name *(";" param) ":" value`, with
/// quoted parameter values, vCard 2.1 bare parameters ("WORK", "QUOTED-PRINTABLE"), and the
/// value's quoted-printable encoding and charset decoded.
enum VCardContentLine {
  static func parse(_ line: VCardLine) throws(VCardError) -> VCardProperty {
    let bytes = line.bytes
    var index = 0
    func fail(_ reason: String) -> VCardError { VCardError(line: line.number, reason: reason) }
    func token(until stops: Set<UInt8>) -> String {
      let start = index
      while index < bytes.count, !stops.contains(bytes[index]) { index += 1 }
      return String(decoding: bytes[start..<index], as: UTF8.self)
    }
    let colon = UInt8(ascii: ":")
    let semicolon = UInt8(ascii: ";")
    let equals = UInt8(ascii: "=")
    let comma = UInt8(ascii: ",")
    let quote = UInt8(ascii: "\"")

    let nameToken = token(until: [semicolon, colon])
    guard index < bytes.count else {
      throw fail("no colon in \"\(preview(bytes))\"")
    }
    var group: String?
    var name = nameToken
    if let dot = nameToken.firstIndex(of: ".") {
      group = String(nameToken[..<dot])
      name = String(nameToken[nameToken.index(after: dot)...])
      guard isName(group!) else { throw fail("\"\(nameToken)\" is not a property name") }
    }
    guard isName(name) else { throw fail("\"\(nameToken)\" is not a property name") }

    var parameters: [String: [String]] = [:]
    while index < bytes.count, bytes[index] == semicolon {
      index += 1
      let key = token(until: [equals, semicolon, colon]).trimmingCharacters(in: .whitespaces)
      guard index < bytes.count else { throw fail("no colon after the parameters") }
      if bytes[index] != equals {
        guard !key.isEmpty else { continue }  // a stray ";" (";;" or ";:")
        let bare = key.uppercased()
        if ["QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"].contains(bare) {
          parameters["ENCODING", default: []].append(bare)
        } else {
          parameters["TYPE", default: []].append(key.lowercased())
        }
        continue
      }
      guard !key.isEmpty else { throw fail("a parameter with no name") }
      guard isName(key) else { throw fail("\"\(key)\" is not a parameter name") }
      let upper = key.uppercased()
      index += 1
      while true {
        var raw: String
        if index < bytes.count, bytes[index] == quote {
          index += 1
          raw = token(until: [quote])
          guard index < bytes.count else { throw fail("a parameter value with no closing quote") }
          index += 1
        } else {
          raw = token(until: [comma, semicolon, colon])
        }
        let value = VCardEscaping.uncaret(raw)
        if upper == "TYPE" {
          // TYPE="voice,cell" lists its values inside the quotes as well.
          let types = value.split(separator: ",").map { $0.lowercased() }
          parameters[upper, default: []].append(contentsOf: types)
        } else {
          parameters[upper, default: []].append(value)
        }
        guard index < bytes.count else { throw fail("no colon after the parameters") }
        if bytes[index] == comma {
          index += 1
        } else {
          break
        }
      }
    }
    guard index < bytes.count, bytes[index] == colon else {
      throw fail("no colon after the parameters")
    }
    let valueBytes = bytes[(index + 1)...]
    let encoding = (parameters["ENCODING"] ?? []).map { $0.uppercased() }
    let value: String
    if encoding.contains("QUOTED-PRINTABLE") {
      let decoded = try quotedPrintable(valueBytes, line: line.number)
      value = try decode(decoded, charset: parameters["CHARSET"]?.first, line: line.number)
    } else {
      value = String(decoding: valueBytes, as: UTF8.self)
    }
    return VCardProperty(
      group: group, name: name.uppercased(), parameters: parameters, value: value)
  }

  /// Letters, digits, `-` and `_` (RFC 6350 names, plus what some exporters use).
  static func isName(_ name: String) -> Bool {
    !name.isEmpty
      && name.utf8.allSatisfy { byte in
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
          || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "-")
          || byte == UInt8(ascii: "_")
      }
  }

  /// `=XX` is a byte; a trailing `=` is a soft line break at the end.
  static func quotedPrintable(_ bytes: ArraySlice<UInt8>, line: Int) throws(VCardError) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      guard byte == UInt8(ascii: "=") else {
        out.append(byte)
        index += 1
        continue
      }
      if index + 1 == bytes.endIndex { break }
      guard index + 2 < bytes.endIndex, let high = hex(bytes[index + 1]),
        let low = hex(bytes[index + 2])
      else {
        let end = min(index + 3, bytes.endIndex)
        let sample = String(decoding: bytes[index..<end], as: UTF8.self)
        throw VCardError(line: line, reason: "bad quoted-printable \"\(sample)\"")
      }
      out.append(high << 4 | low)
      index += 3
    }
    return out
  }

  private static func hex(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x41...0x46: byte - 0x41 + 10
    case 0x61...0x66: byte - 0x61 + 10
    default: nil
    }
  }

  /// Bytes in the named charset (UTF-8 when none is named) as a string.
  static func decode(_ bytes: [UInt8], charset: String?, line: Int) throws(VCardError) -> String {
    let name = (charset ?? "UTF-8").uppercased()
    let encoding: String.Encoding
    switch name {
    case "UTF-8", "UTF8": encoding = .utf8
    case "US-ASCII", "ASCII": encoding = .ascii
    case "ISO-8859-1", "LATIN1", "ISO_8859-1", "ISO8859-1": encoding = .isoLatin1
    case "ISO-8859-2", "LATIN2": encoding = .isoLatin2
    case "WINDOWS-1252", "CP1252": encoding = .windowsCP1252
    case "WINDOWS-1250", "CP1250": encoding = .windowsCP1250
    case "WINDOWS-1251", "CP1251": encoding = .windowsCP1251
    case "SHIFT_JIS", "SHIFT-JIS": encoding = .shiftJIS
    case "UTF-16": encoding = .utf16
    default:
      throw VCardError(line: line, reason: "unknown charset \"\(charset ?? "")\"")
    }
    if encoding == .utf8 {
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw VCardError(line: line, reason: "the value is not valid UTF-8")
      }
      return text
    }
    guard let text = String(bytes: bytes, encoding: encoding) else {
      throw VCardError(line: line, reason: "the value is not valid \(name)")
    }
    return text
  }

  /// The start of a line for error messages.
  static func preview(_ bytes: [UInt8]) -> String {
    let text = String(decoding: bytes.prefix(40), as: UTF8.self)
    return bytes.count > 40 ? text + "…" : text
  }
}
