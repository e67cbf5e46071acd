import Foundation

/// Why an iCalendar file cannot be read past a point: the physical line (1-based) and reason.
public struct ICalendarError: Error, Sendable, Equatable, CustomStringConvertible {
  public let line: Int
  public let reason: String

  public init(line: Int, reason: String) {
    self.line = line
    self.reason = reason
  }

  public var description: String { "line \(line): \(reason)" }
}

/// Splits iCalendar bytes into logical content lines, streaming: the file is read in chunks
/// (64 KiB) and only the line being read is held. Physical lines end in CRLF, LF or CR; a
/// line that starts with a space or tab continues the one before (RFC 5545 §3.1 folding),
/// joined as bytes so a writer that folded inside a UTF-8 sequence is read back whole. A
/// UTF-8 byte order mark is skipped, blank lines are ignored.
final class ICalendarLines {
  enum Source {
    case file(FileHandle)
    case data(Data)
  }

  static let defaultChunkSize = 64 * 1024
  /// A logical line longer than this is refused (no real file has one; a broken one might).
  static let maxLineBytes = 1 << 20

  private let source: Source
  private let chunkSize: Int
  private var dataOffset = 0
  private var buffer: [UInt8] = []
  private var position = 0
  private var sourceEnded = false
  private var physicalLine = 0
  private var started = false
  /// The logical line being built, with the physical line it started on.
  private var pending: (number: Int, bytes: [UInt8])?
  /// The most bytes buffered at once (for tests: the file is never held whole).
  private(set) var largestBuffer = 0

  init(source: Source, chunkSize: Int = ICalendarLines.defaultChunkSize) {
    self.source = source
    self.chunkSize = max(1, chunkSize)
  }

  deinit {
    if case .file(let handle) = source { try? handle.close() }
  }

  /// The next logical line, unfolded, or nil at the end.
  func next() throws(ICalendarError) -> (number: Int, bytes: [UInt8])? {
    while let physical = try nextPhysical() {
      let (number, bytes) = physical
      if let first = bytes.first, first == 0x20 || first == 0x09 {
        guard pending != nil else {
          if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
          throw ICalendarError(line: number, reason: "a folded line with no line before it")
        }
        guard pending!.bytes.count + bytes.count <= Self.maxLineBytes else {
          throw ICalendarError(line: pending!.number, reason: "a line longer than 1 MiB")
        }
        pending!.bytes.append(contentsOf: bytes.dropFirst())
        continue
      }
      if bytes.isEmpty { continue }
      let done = pending
      pending = (number, Array(bytes))
      if let done { return done }
    }
    defer { pending = nil }
    return pending
  }

  /// The next physical line without its line end, or nil at the end.
  private func nextPhysical() throws(ICalendarError) -> (Int, ArraySlice<UInt8>)? {
    if !started {
      started = true
      try fill(atLeast: 3)
      if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }
    var searchFrom = position
    while true {
      if let end = buffer[searchFrom...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
        if buffer[end] == 0x0D && end + 1 == buffer.count && !sourceEnded {
          // A CR at the end of the buffer: its LF may be in the next chunk.
          searchFrom = end - (try readMore())
          continue
        }
        physicalLine += 1
        let line = buffer[position..<end]
        var next = end + 1
        if buffer[end] == 0x0D, next < buffer.count, buffer[next] == 0x0A { next += 1 }
        position = next
        return (physicalLine, line)
      }
      if sourceEnded {
        guard position < buffer.count else { return nil }
        physicalLine += 1
        let line = buffer[position...]
        position = buffer.count
        return (physicalLine, line)
      }
      if buffer.count - position > Self.maxLineBytes {
        throw ICalendarError(line: physicalLine + 1, reason: "a line longer than 1 MiB")
      }
      searchFrom = buffer.count - (try readMore())
    }
  }

  /// Drops what has been read and appends a chunk. Returns how many bytes were dropped, by
  /// which every index into the buffer moves down.
  private func readMore() throws(ICalendarError) -> Int {
    let dropped = position
    if position > 0 {
      buffer.removeSubrange(0..<position)
      position = 0
    }
    if let chunk = try readChunk() {
      buffer.append(contentsOf: chunk)
      largestBuffer = max(largestBuffer, buffer.count)
    } else {
      sourceEnded = true
    }
    return dropped
  }

  private func fill(atLeast count: Int) throws(ICalendarError) {
    while buffer.count < count, !sourceEnded {
      guard let chunk = try readChunk() else {
        sourceEnded = true
        return
      }
      buffer.append(contentsOf: chunk)
    }
  }

  private func readChunk() throws(ICalendarError) -> Data? {
    switch source {
    case .data(let data):
      guard dataOffset < data.count else { return nil }
      let end = min(data.count, dataOffset + chunkSize)
      let chunk = data[(data.startIndex + dataOffset)..<(data.startIndex + end)]
      dataOffset = end
      return Data(chunk)
    case .file(let handle):
      do {
        guard let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty else {
          return nil
        }
        return chunk
      } catch {
        throw ICalendarError(
          line: physicalLine + 1, reason: "cannot read the file: \(error.localizedDescription)")
      }
    }
  }
}
