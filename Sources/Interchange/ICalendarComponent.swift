import Foundation

/// A component of an iCalendar file (VEVENT, VTODO, VALARM, VTIMEZONE, STANDARD ...): its
/// properties in file order and the components nested in it, with the line of its BEGIN.
public struct ICalendarComponent: Sendable, Hashable {
  public var name: String
  public var line: Int
  public var properties: [ICalendarProperty]
  public var components: [ICalendarComponent]

  public init(
    name: String, line: Int, properties: [ICalendarProperty] = [],
    components: [ICalendarComponent] = []
  ) {
    self.name = name
    self.line = line
    self.properties = properties
    self.components = components
  }

  /// The first property of that (upper-case) name.
  public func property(_ name: String) -> ICalendarProperty? {
    properties.first { $0.name == name }
  }

  public func all(_ name: String) -> [ICalendarProperty] {
    properties.filter { $0.name == name }
  }
}

/// Reads an iCalendar stream into its items one at a time: each VEVENT and VTODO with what
/// is nested in it, while VTIMEZONE definitions are kept for the items after them. Only the
/// item being read is held, so a file of 100k events reads in flat memory.
///
/// The structure is checked as it goes: every line is inside BEGIN:VCALENDAR ... END:VCALENDAR
/// (several calendars may follow each other), every BEGIN has its END in order, nothing nests
/// deeper than 8. The first break is an `ICalendarError` with its line, and reading stops.
public final class ICalendarReader {
  static let maxDepth = 8

  private let lines: ICalendarLines
  /// The most bytes of the file held at once (for tests).
  var largestBuffer: Int { lines.largestBuffer }
  private var stack: [ICalendarComponent] = []
  private var sawCalendar = false
  private var finished = false
  /// VTIMEZONE components by TZID, as read so far.
  public private(set) var timeZones: [String: ICalendarComponent] = [:]
  /// The calendar's X-WR-TIMEZONE (the zone of floating times some writers mean).
  public private(set) var calendarTimeZone: String?

  init(lines: ICalendarLines) {
    self.lines = lines
  }

  /// Reads bytes in memory.
  public convenience init(data: Data) {
    self.init(lines: ICalendarLines(source: .data(data)))
  }

  /// Opens a file; it is read in chunks as `next()` is called.
  public convenience init(url: URL) throws(ICalendarError) {
    let handle: FileHandle
    do {
      handle = try FileHandle(forReadingFrom: url)
    } catch {
      throw ICalendarError(
        line: 0, reason: "cannot open \(url.path): \(error.localizedDescription)")
    }
    self.init(lines: ICalendarLines(source: .file(handle)))
  }

  /// For tests: a small chunk size splits lines, CRLFs and UTF-8 sequences across chunks.
  convenience init(data: Data, chunkSize: Int) {
    self.init(lines: ICalendarLines(source: .data(data), chunkSize: chunkSize))
  }

  /// The next VEVENT or VTODO, or nil at the end of the file.
  public func next() throws(ICalendarError) -> ICalendarComponent? {
    guard !finished else { return nil }
    do {
      return try read()
    } catch {
      finished = true
      throw error
    }
  }

  private func read() throws(ICalendarError) -> ICalendarComponent? {
    while let (number, bytes) = try lines.next() {
      let property = try ICalendarProperty.parse(bytes, line: number)
      switch property.name {
      case "BEGIN":
        let name = ICalendarText.trimmed(property.value).uppercased()
        guard !name.isEmpty else {
          throw ICalendarError(line: number, reason: "BEGIN without a component name")
        }
        if stack.isEmpty {
          guard name == "VCALENDAR" else {
            throw ICalendarError(
              line: number, reason: "BEGIN:\(name) outside BEGIN:VCALENDAR")
          }
          sawCalendar = true
        } else if name == "VCALENDAR" {
          throw ICalendarError(line: number, reason: "BEGIN:VCALENDAR inside another")
        }
        guard stack.count < Self.maxDepth else {
          throw ICalendarError(line: number, reason: "components nest deeper than 8")
        }
        stack.append(ICalendarComponent(name: name, line: number))
      case "END":
        let name = ICalendarText.trimmed(property.value).uppercased()
        guard let open = stack.popLast() else {
          throw ICalendarError(line: number, reason: "END:\(name) without a BEGIN")
        }
        guard open.name == name else {
          if let outer = stack.last(where: { $0.name == name }) {
            // An outer component closes first: the inner one's END is missing.
            let inner = stack.last(where: { $0.line > outer.line }) ?? open
            throw ICalendarError(
              line: inner.line,
              reason: "BEGIN:\(inner.name) is never closed (END:\(inner.name) is missing)")
          }
          throw ICalendarError(
            line: number,
            reason: "END:\(name) does not close BEGIN:\(open.name) from line \(open.line)")
        }
        if stack.count == 1 {
          switch open.name {
          case "VEVENT", "VTODO": return open
          case "VTIMEZONE":
            if let id = open.property("TZID")?.value, !id.isEmpty { timeZones[id] = open }
          default: break  // VJOURNAL, VFREEBUSY, X- components: not activities
          }
        } else if !stack.isEmpty {
          stack[stack.count - 1].components.append(open)
        }
      default:
        guard !stack.isEmpty else {
          throw ICalendarError(
            line: number, reason: "\(property.name) outside BEGIN:VCALENDAR ... END:VCALENDAR")
        }
        if stack.count == 1 {
          if property.name == "X-WR-TIMEZONE" {
            calendarTimeZone = ICalendarText.unescape(property.value)
          }
        } else {
          stack[stack.count - 1].properties.append(property)
        }
      }
    }
    finished = true
    if let open = stack.last {
      throw ICalendarError(
        line: open.line, reason: "BEGIN:\(open.name) is never closed (END:\(open.name) is missing)")
    }
    if !sawCalendar {
      throw ICalendarError(line: 1, reason: "not an iCalendar file (no BEGIN:VCALENDAR)")
    }
    return nil
  }
}
