import Foundation

/// Reads RFC 4180 CSV as records, streaming: the file is read in chunks (64 KiB) and only
/// the record being read is held, so memory stays flat however large the file. Accepts UTF-8
/// with or without a BOM, CRLF, LF or a lone CR as line ends, quoted fields with delimiters,
/// doubled quotes and newlines, and a comma, semicolon or tab delimiter (sniffed when not
/// given). Anything else — an unterminated quote, a stray quote, bytes that are not UTF-8,
/// a field over 1 MiB — is a `CSVError` naming the line, and the reader stops there.
public final class CSVReader {
  /// Where the bytes come from.
  enum Source {
    case file(FileHandle)
    case data(Data)
  }

  private enum State {
    case fieldStart, unquoted, quoteInUnquoted, quoted, afterQuote
  }

  static let defaultChunkSize = 64 * 1024
  static let defaultMaxFieldBytes = 1 << 20
  static let maxFields = 10_000
  /// How many bytes the delimiter is sniffed from.
  static let sniffBytes = 16 * 1024

  public private(set) var delimiter: UInt8

  private let source: Source
  private let chunkSize: Int
  private let maxFieldBytes: Int
  private var dataOffset = 0
  private var buffer: [UInt8] = []
  private var position = 0
  private var sourceEnded = false
  private var pendingError: CSVError?
  private var finished = false
  private var line = 1
  private var lastWasCR = false

  /// How many chunks have been read, and the most bytes buffered at once (for tests).
  private(set) var chunksRead = 0
  private(set) var largestBuffer = 0

  /// Opens a file. Throws a `CSVError` (line 0) when it cannot be opened; read errors and
  /// bad bytes come from `next()`.
  public convenience init(url: URL, delimiter: UInt8? = nil) throws {
    try self.init(url: url, delimiter: delimiter, chunkSize: Self.defaultChunkSize)
  }

  public convenience init(data: Data, delimiter: UInt8? = nil) {
    self.init(source: .data(data), delimiter: delimiter, chunkSize: Self.defaultChunkSize)
  }

  convenience init(url: URL, delimiter: UInt8?, chunkSize: Int) throws(CSVError) {
    let handle: FileHandle
    do {
      handle = try FileHandle(forReadingFrom: url)
    } catch {
      throw CSVError(line: 0, reason: "cannot open \(url.path): \(error.localizedDescription)")
    }
    self.init(source: .file(handle), delimiter: delimiter, chunkSize: chunkSize)
  }

  init(
    source: Source, delimiter: UInt8?, chunkSize: Int,
    maxFieldBytes: Int = CSVReader.defaultMaxFieldBytes
  ) {
    self.source = source
    self.chunkSize = max(1, chunkSize)
    self.maxFieldBytes = maxFieldBytes
    self.delimiter = delimiter ?? UInt8(ascii: ",")
    do {
      while buffer.count < max(3, delimiter == nil ? Self.sniffBytes : 3), !sourceEnded {
        guard let chunk = try readChunk() else { break }
        buffer.append(contentsOf: chunk)
      }
    } catch {
      pendingError = error
    }
    largestBuffer = buffer.count
    if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    if delimiter == nil {
      self.delimiter = CSVSniffer.sniff(buffer[position...], isComplete: sourceEnded)
    }
  }

  deinit {
    if case .file(let handle) = source { try? handle.close() }
  }

  /// The next record, or nil at the end. Blank lines are skipped.
  public func next() throws(CSVError) -> CSVRecord? {
    if let pendingError {
      finished = true
      self.pendingError = nil
      throw pendingError
    }
    if finished { return nil }
    var fields: [String] = []
    var field: [UInt8] = []
    var state = State.fieldStart
    var recordLine = line
    var fieldLine = line
    let quote = UInt8(ascii: "\"")
    let cr = UInt8(ascii: "\r")
    let lf = UInt8(ascii: "\n")

    while true {
      guard let byte = try nextByte() else {
        finished = true
        switch state {
        case .fieldStart:
          if fields.isEmpty { return nil }
          try emit(&field, into: &fields, line: fieldLine)
        case .unquoted, .afterQuote:
          try emit(&field, into: &fields, line: fieldLine)
        case .quoteInUnquoted:
          throw strayQuote(line: line)
        case .quoted:
          throw CSVError(line: fieldLine, reason: "a quoted field is never closed")
        }
        return CSVRecord(line: recordLine, fields: fields)
      }
      let byteLine = line
      if byte == cr {
        line += 1
        lastWasCR = true
      } else if byte == lf {
        if !lastWasCR { line += 1 }
        lastWasCR = false
      } else {
        lastWasCR = false
      }
      let isNewline = byte == cr || byte == lf

      switch state {
      case .fieldStart:
        if fields.isEmpty && field.isEmpty {
          if isNewline { continue }  // a blank line, or the LF of a CRLF
          recordLine = byteLine
        }
        fieldLine = byteLine
        if byte == quote {
          state = .quoted
        } else if byte == delimiter {
          try emit(&field, into: &fields, line: fieldLine)
        } else if isNewline {
          try emit(&field, into: &fields, line: fieldLine)
          return CSVRecord(line: recordLine, fields: fields)
        } else {
          field.append(byte)
          state = .unquoted
        }
      case .unquoted:
        if byte == delimiter {
          try emit(&field, into: &fields, line: fieldLine)
          state = .fieldStart
        } else if isNewline {
          try emit(&field, into: &fields, line: fieldLine)
          return CSVRecord(line: recordLine, fields: fields)
        } else if byte == quote {
          state = .quoteInUnquoted
        } else {
          try append(byte, to: &field, line: fieldLine)
        }
      case .quoteInUnquoted:
        guard byte == quote else { throw strayQuote(line: byteLine) }
        try append(quote, to: &field, line: fieldLine)
        state = .unquoted
      case .quoted:
        if byte == quote {
          state = .afterQuote
        } else {
          try append(byte, to: &field, line: fieldLine)
        }
      case .afterQuote:
        if byte == quote {
          try append(quote, to: &field, line: fieldLine)
          state = .quoted
        } else if byte == delimiter {
          try emit(&field, into: &fields, line: fieldLine)
          state = .fieldStart
        } else if isNewline {
          try emit(&field, into: &fields, line: fieldLine)
          return CSVRecord(line: recordLine, fields: fields)
        } else {
          finished = true
          throw CSVError(
            line: byteLine, reason: "unexpected text after the closing quote of a field")
        }
      }
    }
  }

  private func strayQuote(line: Int) -> CSVError {
    finished = true
    return CSVError(
      line: line, reason: "a quote inside an unquoted field (quote the field and double it)")
  }

  private func append(_ byte: UInt8, to field: inout [UInt8], line: Int) throws(CSVError) {
    if field.count >= maxFieldBytes {
      finished = true
      throw CSVError(line: line, reason: "a field is longer than \(maxFieldBytes) bytes")
    }
    field.append(byte)
  }

  private func emit(_ field: inout [UInt8], into fields: inout [String], line: Int)
    throws(CSVError)
  {
    guard let text = Self.string(field) else {
      finished = true
      throw CSVError(line: line, reason: "the file is not UTF-8 text")
    }
    if fields.count >= Self.maxFields {
      finished = true
      throw CSVError(line: line, reason: "a record has more than \(Self.maxFields) fields")
    }
    fields.append(text)
    field.removeAll(keepingCapacity: true)
  }

  /// The field's bytes as a string, nil when they are not UTF-8. Decoding from a buffer is
  /// the standard library's fast path; the result has the same bytes exactly when the input
  /// was valid (a repair writes U+FFFD in place of bytes that cannot be that valid sequence).
  static func string(_ bytes: [UInt8]) -> String? {
    bytes.withUnsafeBufferPointer { buffer in
      let text = String(decoding: buffer, as: UTF8.self)
      return text.utf8.elementsEqual(buffer) ? text : nil
    }
  }

  @inline(__always)
  private func nextByte() throws(CSVError) -> UInt8? {
    if position < buffer.count {
      let byte = buffer[position]
      position += 1
      return byte
    }
    while true {
      guard let chunk = try readChunk() else { return nil }
      if chunk.isEmpty { continue }
      buffer = chunk
      position = 1
      largestBuffer = max(largestBuffer, buffer.count)
      return chunk[0]
    }
  }

  /// The next chunk of at most `chunkSize` bytes, or nil at the end.
  private func readChunk() throws(CSVError) -> [UInt8]? {
    if sourceEnded { return nil }
    let chunk: [UInt8]
    switch source {
    case .data(let data):
      let end = min(data.count, dataOffset + chunkSize)
      let start = data.startIndex + dataOffset
      chunk = [UInt8](data[start..<(data.startIndex + end)])
      dataOffset = end
    case .file(let handle):
      do {
        chunk = [UInt8](try handle.read(upToCount: chunkSize) ?? Data())
      } catch {
        finished = true
        throw CSVError(line: line, reason: "cannot read the file: \(error.localizedDescription)")
      }
    }
    if chunk.isEmpty {
      sourceEnded = true
      return nil
    }
    chunksRead += 1
    return chunk
  }
}
