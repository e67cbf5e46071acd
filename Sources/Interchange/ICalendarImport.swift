import Foundation
import Model

/// iCalendar (RFC 5545) to activities: VEVENT is a meeting (a call when X-CRM-KIND says so),
/// VTODO a task; VALARM triggers are reminders, RRULE the recurrence, UID the source id.
///
///     let rows = try ICalendar.rows(url: file, zone: .current)
///     for row in rows { ... }            // Result<ActivityImport, ImportProblem>, in order
///
/// Times: `Z` is UTC; TZID an IANA name (or the file's VTIMEZONE offsets, see
/// `ICalendarZone`); floating times are in the calendar's X-WR-TIMEZONE when it names a zone,
/// else in `zone`, the importing user's. A DATE start makes an all-day activity at the start of
/// its day in the user's zone (as all-day activities are everywhere), its DTEND (exclusive) the
/// end when it spans more than one day. EXDATE, RDATE and RECURRENCE-ID: `ICalendarExceptions`.
public enum ICalendar {
  /// The rows of a file, read as they are asked for.
  public static func rows(url: URL, zone: TimeZone, now: Date = Date()) throws(ICalendarError)
    -> ICalendarRows
  {
    ICalendarRows(reader: try ICalendarReader(url: url), zone: zone, now: now)
  }

  public static func rows(data: Data, zone: TimeZone, now: Date = Date()) -> ICalendarRows {
    ICalendarRows(reader: ICalendarReader(data: data), zone: zone, now: now)
  }

  /// Every item of a text, or the first problem: a broken file is refused whole.
  public static func read(_ text: String, zone: TimeZone, now: Date = Date())
    throws(ImportProblem) -> [ActivityImport]
  {
    var result: [ActivityImport] = []
    for row in rows(data: Data(text.utf8), zone: zone, now: now) {
      switch row {
      case .success(let item): result.append(item)
      case .failure(let problem): throw problem
      }
    }
    return result
  }
}

/// The items of an iCalendar file as the Store reads them, one at a time. A break in the
/// file's structure ends it (`unreadable`, and `refuses` is true for it: the import is refused
/// even when invalid items are skipped); a problem with one item (a bad date, an RRULE outside
/// the subset, a value that does not validate) is that item's failure, and reading goes on.
public final class ICalendarRows: Sequence, IteratorProtocol {
  private let reader: ICalendarReader
  private let zone: TimeZone
  private let now: Date
  private let zones = ICalendarZones()
  public private(set) var unreadable: ImportProblem?

  init(reader: ICalendarReader, zone: TimeZone, now: Date) {
    self.reader = reader
    self.zone = zone
    self.now = now
  }

  /// Whether a problem refuses the whole import (the file cannot be read past it).
  public func refuses(_ problem: ImportProblem) -> Bool { problem == unreadable }

  public func next() -> Result<ActivityImport, ImportProblem>? {
    guard unreadable == nil else { return nil }
    let component: ICalendarComponent?
    do {
      component = try reader.next()
    } catch {
      let problem = ImportProblem(line: error.line, reason: error.reason)
      unreadable = problem
      return .failure(problem)
    }
    guard let component else { return nil }
    let floating = reader.calendarTimeZone.flatMap(ICalendarZones.iana) ?? zone
    var mapper = ICalendarItemMapper(
      component: component, zones: zones, definitions: reader.timeZones, floating: floating,
      user: zone, now: now)
    do {
      return .success(try mapper.map())
    } catch {
      return .failure(error)
    }
  }
}

/// One VEVENT or VTODO to an `ActivityImport`.
struct ICalendarItemMapper {
  let component: ICalendarComponent
  let zones: ICalendarZones
  let definitions: [String: ICalendarComponent]
  let floating: TimeZone
  /// The importing user's zone: all-day days start at its midnight.
  let user: TimeZone
  let now: Date
  var dropped: [String] = []

  init(
    component: ICalendarComponent, zones: ICalendarZones,
    definitions: [String: ICalendarComponent], floating: TimeZone, user: TimeZone, now: Date
  ) {
    self.component = component
    self.zones = zones
    self.definitions = definitions
    self.floating = floating
    self.user = user
    self.now = now
  }

  /// A moment with what it was written as: a DATE, and the IANA zone of its TZID.
  struct Moment {
    var date: Date
    var isDate: Bool
    var zone: TimeZone?
    var utc: Bool
    var digits: ICalendarDateTime
  }

  func problem(_ property: ICalendarProperty, _ reason: String) -> ImportProblem {
    ImportProblem(line: property.line, reason: "\(property.name): \(reason)")
  }

  func moment(_ property: ICalendarProperty) throws(ImportProblem) -> Moment {
    let raw = ICalendarText.trimmed(property.value)
    guard let digits = ICalendarDateTime.parse(raw) else {
      throw problem(property, "\"\(ICalendarProperty.excerpt(raw))\" is not a date or time")
    }
    // Far enough from year 1 and 9999 that the moment, written in UTC, stays a date.
    guard (1700...8999).contains(digits.year) else {
      throw problem(property, "\"\(raw)\" is outside the years 1700 to 8999")
    }
    if property.parameter("VALUE")?.uppercased() == "DATE", !digits.isDate {
      throw problem(property, "\"\(raw)\" is not a DATE (VALUE=DATE)")
    }
    if digits.isDate {
      let day = try! Day(year: digits.year, month: digits.month, day: digits.day)
      return Moment(
        date: day.start(in: user), isDate: true, zone: nil, utc: false, digits: digits)
    }
    if let date = digits.utcDate {
      return Moment(date: date, isDate: false, zone: nil, utc: true, digits: digits)
    }
    if let tzid = property.parameter("TZID") {
      guard let zone = zones.zone(tzid, definitions: definitions) else {
        throw problem(property, "unknown time zone \"\(tzid)\" (no IANA name and no VTIMEZONE)")
      }
      guard let date = zone.date(digits) else {
        throw problem(property, "\"\(raw)\" is not a time")
      }
      return Moment(date: date, isDate: false, zone: zone.timeZone, utc: false, digits: digits)
    }
    guard
      let date = ICalendarZone.iana(floating).date(digits)
    else { throw problem(property, "\"\(raw)\" is not a time") }
    return Moment(date: date, isDate: false, zone: nil, utc: false, digits: digits)
  }

  func text(_ name: String) -> String? {
    guard let raw = component.property(name)?.value else { return nil }
    let value = ICalendarText.unescape(raw)
    return value.isEmpty ? nil : value
  }

  mutating func map() throws(ImportProblem) -> ActivityImport {
    let isTask = component.name == "VTODO"
    let changed = try changedOccurrence()
    var kind: ActivityKind = isTask ? .task : .meeting
    if let crmKind = text("X-CRM-KIND"), let k = ActivityKind(rawValue: crmKind.lowercased()) {
      kind = k
    }
    let start = try component.property("DTSTART").map { p throws(ImportProblem) in try moment(p) }
    if !isTask && start == nil {
      throw ImportProblem(line: component.line, reason: "VEVENT: DTSTART is missing")
    }
    var end: Moment?
    if let p = component.property(isTask ? "DUE" : "DTEND") {
      end = try moment(p)
      if let start, let e = end, e.isDate != start.isDate {
        throw problem(p, "one of DTSTART and \(p.name) is a date, the other a time")
      }
    } else if let p = component.property("DURATION"), let start {
      guard let duration = ICalendarDuration.parse(p.value) else {
        throw problem(p, "\"\(p.value)\" is not a duration")
      }
      var e = start
      e.date = duration.added(to: start.date, zone: start.zone ?? (start.isDate ? user : floating))
      let utc = TimeZone(identifier: "UTC")!
      guard (1700...8999).contains(Day(e.date, in: utc).year) else {
        throw problem(p, "\"\(p.value)\" ends outside the years 1700 to 8999")
      }
      end = e
    }
    let allDay = (start ?? end)?.isDate ?? false

    var activity = Activity(kind: kind, title: "", createdAt: now)
    activity.allDay = allDay
    if isTask && kind == .task {
      activity.dueAt = (end ?? start)?.date
      // A start equal to the due time is only there for a rule (as this writer does).
      if let end, let start, start.date != end.date { activity.startAt = start.date }
    } else {
      activity.startAt = start?.date
      if let end, let start {
        if allDay {
          // DTEND is exclusive: a one-day event has none here.
          let days =
            CivilDay.number(year: end.digits.year, month: end.digits.month, day: end.digits.day)
            - CivilDay.number(
              year: start.digits.year, month: start.digits.month, day: start.digits.day)
          if days > 1 { activity.endAt = end.date }
        } else if end.date >= start.date {
          activity.endAt = end.date
        } else {
          dropped.append("line \(component.line): an end before the start is not kept")
        }
      } else if let end {
        activity.dueAt = end.date
      }
    }

    activity.title = Self.title(text("SUMMARY"))
    if activity.title.count > 200 {
      activity.title = ICalendarText.trimmed(String(activity.title.prefix(200)))
      dropped.append("line \(component.line): the title is cut to 200 characters")
    }
    if var notes = text("DESCRIPTION") {
      if notes.utf8.contains(0x0D) { notes = notes.replacingOccurrences(of: "\r\n", with: "\n") }
      if notes.count > 20_000 {
        notes = String(notes.prefix(20_000))
        dropped.append("line \(component.line): the notes are cut to 20000 characters")
      }
      activity.notes = Self.printable(notes, newlines: true)
    }
    if let created = component.property("CREATED"),
      let date = ICalendarDateTime.parse(created.value)?.utcDate
    {
      activity.createdAt = date
    }
    activity.updatedAt =
      component.property("LAST-MODIFIED")
      .flatMap { ICalendarDateTime.parse($0.value)?.utcDate } ?? activity.createdAt

    // Done: a completed to-do, or our own mark on an event.
    let status = text("STATUS")?.uppercased()
    if let p = component.property(isTask ? "COMPLETED" : "X-CRM-DONE") {
      activity.doneAt = try moment(p).date
    } else if status == "COMPLETED" {
      activity.doneAt = activity.updatedAt
    }
    if status == "CANCELLED" {
      dropped.append("line \(component.line): STATUS:CANCELLED is not kept")
    }

    if kind == .call {
      activity.callDirection = text("X-CRM-CALL-DIRECTION").flatMap(CallDirection.init(rawValue:))
      activity.callOutcome = text("X-CRM-CALL-OUTCOME").flatMap(CallOutcome.init(rawValue:))
      activity.callDurationSeconds = text("X-CRM-CALL-SECONDS").flatMap { Int($0) }
    }

    activity.reminders = reminders(start: start?.date ?? activity.dueAt, end: end?.date)

    var recurrence: Recurrence?
    if let p = component.property("RRULE") {
      guard let start = start ?? end else { throw problem(p, "a rule needs DTSTART") }
      let startDay = CivilDay.number(
        year: start.digits.year, month: start.digits.month, day: start.digits.day)
      do {
        recurrence = try ICalendarRecurrence.parse(p.value, startDay: startDay) { until in
          if until.isDate {
            let day = try! Day(year: until.year, month: until.month, day: until.day)
            let zone = start.zone ?? (start.isDate ? user : floating)
            return day.adding(days: 1).start(in: zone).addingTimeInterval(-1)
          }
          return until.utcDate ?? ICalendarZone.iana(start.zone ?? floating).date(until)
        }
      } catch {
        throw problem(p, error.reason)
      }
      recurrence?.timeZone = Self.zoneName(start)
      do { try recurrence?.validate(start: start.date) } catch {
        throw problem(p, error.message)
      }
    }
    recurrence = try addingExceptions(to: recurrence, start: start ?? end)
    if var rule = recurrence, let anchor = (start ?? end)?.date, let when = activity.when,
      when != anchor
    {
      // A to-do's rule repeats from DTSTART in the file and from its due time here.
      let shift = when.timeIntervalSince(anchor)
      rule.excludedDates = Set(rule.excludedDates.map { $0.addingTimeInterval(shift) })
      rule.extraDates = Set(rule.extraDates.map { $0.addingTimeInterval(shift) })
      recurrence = rule
    }

    var priority: Int?
    if let p = component.property("PRIORITY") {
      if let n = Int(ICalendarText.trimmed(p.value)), (0...9).contains(n) {
        priority = n == 0 ? nil : n
      } else {
        dropped.append("line \(p.line): PRIORITY:\(p.value) is not 0 to 9")
      }
    }
    let categories = component.all("CATEGORIES").flatMap { ICalendarText.list($0.value) }

    do {
      try activity.validate()
    } catch {
      throw ImportProblem(line: component.line, reason: error.description)
    }
    return ActivityImport(
      line: component.line, activity: activity, sourceId: text("UID"), recurrence: recurrence,
      priority: priority, location: text("LOCATION").map { Self.printable($0, newlines: true) },
      categories: categories, dropped: dropped, changedOccurrence: changed)
  }

  /// VALARM triggers as minutes before the start; ones after it (or too far before) are noted
  /// in `dropped`.
  mutating func reminders(start: Date?, end: Date?) -> [Int] {
    var result: [Int] = []
    for alarm in component.components where alarm.name == "VALARM" {
      guard let trigger = alarm.property("TRIGGER") else {
        dropped.append("line \(alarm.line): a VALARM without TRIGGER is not kept")
        continue
      }
      var minutes: Int?
      if trigger.parameter("VALUE")?.uppercased() == "DATE-TIME" {
        if let at = ICalendarDateTime.parse(trigger.value)?.utcDate, let start {
          minutes = Int((start.timeIntervalSince(at) / 60).rounded())
        }
      } else if let duration = ICalendarDuration.parse(trigger.value) {
        let before = -duration.minutes
        if trigger.parameter("RELATED")?.uppercased() == "END" {
          if let start, let end {
            minutes = before - Int((end.timeIntervalSince(start) / 60).rounded())
          }
        } else {
          minutes = before
        }
      }
      guard let minutes, (0...Reminders.maxMinutes).contains(minutes) else {
        dropped.append(
          "line \(trigger.line): a reminder at TRIGGER:\(trigger.value) (after the start, or more than 60 days before it) is not kept"
        )
        continue
      }
      if !result.contains(minutes) { result.append(minutes) }
    }
    return result
  }

  /// A title on one line: control characters (tabs, newlines) become spaces.
  static func title(_ summary: String?) -> String {
    let text = ICalendarText.trimmed(printable(summary ?? "", newlines: false))
    return text.isEmpty ? "(no title)" : text
  }

  static func printable(_ text: String, newlines: Bool) -> String {
    // Control characters are C0 and DEL (single bytes) and C1 (0xC2 0x80...0x9F), so this
    // works on the UTF-8 bytes; most text has none and is returned as it is.
    func isC0(_ b: UInt8) -> Bool {
      (b < 0x20 || b == 0x7F) && !(newlines && (b == 0x0A || b == 0x09))
    }
    let utf8 = text.utf8
    if !utf8.contains(where: { isC0($0) || $0 == 0xC2 }) { return text }
    var out: [UInt8] = []
    out.reserveCapacity(utf8.count)
    var previousC2 = false
    for b in utf8 {
      if previousC2 {
        previousC2 = false
        if b >= 0x80 && b <= 0x9F {
          out.append(0x20)
          continue
        }
        out.append(0xC2)
      }
      if b == 0xC2 {
        previousC2 = true
      } else if isC0(b) {
        if b != 0x0D { out.append(0x20) }
      } else {
        out.append(b)
      }
    }
    if previousC2 { out.append(0xC2) }
    return String(decoding: out, as: UTF8.self)
  }

}
