import Foundation
import Model

/// One activity to export, with what it has beside `Activity`.
public struct ActivityExport: Sendable, Hashable {
  public var activity: Activity
  public var recurrence: Recurrence?
  /// RFC 5545 priority 1 (highest) ... 9.
  public var priority: Int?
  public var location: String?
  public var categories: [String]
  /// The UID to write; the activity's id when nil (so a re-import finds it again).
  public var uid: String?
  /// For a changed occurrence of a series: written with the series' UID and RECURRENCE-ID.
  public var changedOccurrence: ChangedOccurrence?

  public init(
    _ activity: Activity, recurrence: Recurrence? = nil, priority: Int? = nil,
    location: String? = nil, categories: [String] = [], uid: String? = nil,
    changedOccurrence: ChangedOccurrence? = nil
  ) {
    self.activity = activity
    self.recurrence = recurrence
    self.priority = priority
    self.location = location
    self.categories = categories
    self.uid = uid
    self.changedOccurrence = changedOccurrence
  }

  /// What an import read, to write it out again (its UID kept).
  public init(_ item: ActivityImport) {
    self.init(
      item.activity, recurrence: item.recurrence, priority: item.priority,
      location: item.location, categories: item.categories, uid: item.sourceId,
      changedOccurrence: item.changedOccurrence)
  }
}

/// Activities to iCalendar text: meetings and calls as VEVENT (calls marked X-CRM-KIND:CALL,
/// with their direction, outcome and duration), tasks as VTODO (DUE, STATUS, COMPLETED),
/// reminders as VALARM (`TRIGGER:-PT15M`, whole days as `-P1D`), recurrence as RRULE with
/// its excluded and extra dates as EXDATE and RDATE (in DTSTART's form, ten to a line), a
/// changed occurrence as an item with its series' UID and RECURRENCE-ID (UTC, or a DATE for an
/// all-day series). Times
/// are UTC, except that a recurring timed item is written in its zone's wall clock (TZID and a
/// VTIMEZONE before its first use), since a rule repeats in the wall clock of its start: a
/// 09:00 weekly meeting written in UTC would move by an hour at each daylight-saving change.
/// All-day items are DATEs (DTEND the day after the last). Lines end in CRLF and are folded at
/// 75 octets without splitting a UTF-8 sequence.
extension ICalendar {
  public static let productId = "-//crm//crm iCalendar export//EN"

  /// The whole calendar as one string.
  public static func write(_ items: [ActivityExport], zone: TimeZone, now: Date = Date())
    -> String
  {
    var out = ""
    write(items, zone: zone, now: now) { out += $0 }
    return out
  }

  /// Streams the calendar to `sink`, one item's text at a time.
  public static func write(
    _ items: some Sequence<ActivityExport>, zone: TimeZone, now: Date = Date(),
    to sink: (String) -> Void
  ) {
    var writer = ICalendarItemWriter(zone: zone, now: now)
    sink(
      fold([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + productId, "CALSCALE:GREGORIAN",
      ]))
    for item in items { sink(fold(writer.lines(item))) }
    sink(fold(["END:VCALENDAR"]))
  }

  static func fold(_ lines: [String]) -> String {
    var out = ""
    for line in lines { out += fold(line) }
    return out
  }

  /// One content line with CRLF, folded at 75 octets (shared with vCard).
  static func fold(_ line: String) -> String { ContentLineText.fold(line) }
}

struct ICalendarItemWriter {
  let zone: TimeZone
  let now: Date
  private var writtenZones: Set<String> = []

  init(zone: TimeZone, now: Date) {
    self.zone = zone
    self.now = now
  }

  mutating func lines(_ item: ActivityExport) -> [String] {
    let a = item.activity
    let isTask = a.kind == .task
    let recurrence = item.recurrence
    // The zone a recurring timed item repeats in; nil writes UTC.
    var ruleZone: TimeZone?
    if let recurrence, !a.allDay {
      let z = recurrence.zone(fallback: zone)
      if z.secondsFromGMT(for: now) != 0 || z.nextDaylightSavingTimeTransition(after: now) != nil {
        ruleZone = z
      }
    }
    var lines: [String] = []
    if let ruleZone, !writtenZones.contains(ruleZone.identifier) {
      writtenZones.insert(ruleZone.identifier)
      let year = Day((a.startAt ?? a.dueAt ?? now), in: ruleZone).year
      lines += ICalendarTimeZoneWriter.lines(ruleZone, year: year)
    }
    let name = isTask ? "VTODO" : "VEVENT"
    lines.append("BEGIN:" + name)
    lines.append(
      "UID:" + ICalendarText.escape(item.changedOccurrence?.seriesId ?? item.uid ?? a.id))
    lines.append("DTSTAMP:" + ICalendarDateTime.utcString(now))
    lines.append("CREATED:" + ICalendarDateTime.utcString(a.createdAt))
    lines.append("LAST-MODIFIED:" + ICalendarDateTime.utcString(a.updatedAt))
    lines.append("SUMMARY:" + ICalendarText.escape(a.title))

    func time(_ property: String, _ date: Date) -> String {
      if a.allDay {
        return property + ";VALUE=DATE:" + ICalendarDateTime.dateString(Day(date, in: zone))
      }
      if let ruleZone {
        return property + ";TZID=" + ruleZone.identifier + ":"
          + ICalendarDateTime.localString(date, zone: ruleZone)
      }
      return property + ":" + ICalendarDateTime.utcString(date)
    }

    if isTask {
      if let start = a.startAt { lines.append(time("DTSTART", start)) }
      if let due = a.dueAt {
        if a.startAt == nil, recurrence != nil {
          // A rule needs DTSTART; a task's repeats from its due time.
          lines.append(time("DTSTART", due))
        }
        lines.append(time("DUE", due))
      }
    } else if let start = a.startAt ?? a.dueAt {
      lines.append(time("DTSTART", start))
      if a.allDay {
        let last = a.endAt.map { Day($0.addingTimeInterval(-1), in: zone) } ?? Day(start, in: zone)
        let end = max(last, Day(start, in: zone)).adding(days: 1)
        lines.append("DTEND;VALUE=DATE:" + ICalendarDateTime.dateString(end))
      } else if let end = a.endAt {
        lines.append(time("DTEND", end))
      }
    }
    if let changed = item.changedOccurrence {
      lines.append(
        changed.allDay
          ? "RECURRENCE-ID;VALUE=DATE:"
            + ICalendarDateTime.dateString(Day(changed.occurrence, in: zone))
          : "RECURRENCE-ID:" + ICalendarDateTime.utcString(changed.occurrence))
    }
    if let recurrence {
      lines.append("RRULE:" + ICalendarRecurrence.format(recurrence, allDay: a.allDay, zone: zone))
      // A to-do's rule repeats from its due time here and from DTSTART in the file.
      var shift: TimeInterval = 0
      if isTask, let start = a.startAt, let due = a.dueAt { shift = start.timeIntervalSince(due) }
      for (name, dates) in [("EXDATE", recurrence.excludedDates), ("RDATE", recurrence.extraDates)]
      {
        lines += dateLists(
          name, dates.map { $0.addingTimeInterval(shift) }, allDay: a.allDay, ruleZone: ruleZone)
      }
    }
    if let notes = a.notes, !notes.isEmpty {
      lines.append("DESCRIPTION:" + ICalendarText.escape(notes))
    }
    if let location = item.location, !location.isEmpty {
      lines.append("LOCATION:" + ICalendarText.escape(location))
    }
    if !item.categories.isEmpty {
      lines.append("CATEGORIES:" + item.categories.map(ICalendarText.escape).joined(separator: ","))
    }
    if let priority = item.priority, (1...9).contains(priority) {
      lines.append("PRIORITY:\(priority)")
    }
    if isTask {
      if let done = a.doneAt {
        lines += [
          "STATUS:COMPLETED", "COMPLETED:" + ICalendarDateTime.utcString(done),
          "PERCENT-COMPLETE:100",
        ]
      } else {
        lines.append("STATUS:NEEDS-ACTION")
      }
    } else if let done = a.doneAt {
      lines.append("X-CRM-DONE:" + ICalendarDateTime.utcString(done))
    }
    if a.kind == .call {
      lines.append("X-CRM-KIND:CALL")
      if let d = a.callDirection { lines.append("X-CRM-CALL-DIRECTION:" + d.rawValue) }
      if let o = a.callOutcome { lines.append("X-CRM-CALL-OUTCOME:" + o.rawValue) }
      if let s = a.callDurationSeconds { lines.append("X-CRM-CALL-SECONDS:\(s)") }
    }
    for minutes in a.reminders {
      lines += [
        "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + ICalendarText.escape(a.title),
        "TRIGGER:" + ICalendarDuration.trigger(minutesBefore: minutes), "END:VALARM",
      ]
    }
    lines.append("END:" + name)
    return lines
  }

  /// EXDATE or RDATE properties, ten values each, in DTSTART's form: DATEs for an all-day
  /// item, the wall clock of the rule's zone with its TZID, else UTC.
  private func dateLists(
    _ name: String, _ dates: [Date], allDay: Bool, ruleZone zoneOfRule: TimeZone?
  ) -> [String] {
    var values: [String] = []
    for date in dates.sorted() {
      let value =
        allDay
        ? ICalendarDateTime.dateString(Day(date, in: zone))
        : zoneOfRule.map { ICalendarDateTime.localString(date, zone: $0) }
          ?? ICalendarDateTime.utcString(date)
      if values.last != value { values.append(value) }
    }
    let head =
      allDay
      ? name + ";VALUE=DATE:"
      : zoneOfRule.map { name + ";TZID=" + $0.identifier + ":" } ?? name + ":"
    return stride(from: 0, to: values.count, by: 10).map { i in
      head + values[i..<min(i + 10, values.count)].joined(separator: ",")
    }
  }
}
