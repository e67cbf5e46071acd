import Foundation
import Interchange
import Store

/// `crm-bench import --activities 100000`: the import speed of issue 5. Writes an iCalendar
/// file as Google or Thunderbird would (`scripts/gen-ics` makes the same shape: a VTIMEZONE,
/// events in Europe/Berlin and UTC, a tenth recurring, a third with an alarm, folded
/// descriptions, a to-do every twentieth item), then times the Store's import of it into a
/// fresh database (reading, matching by UID, the change log: `crm import ics` less the
/// argument parsing) and a re-import of the same file (every item matched, nothing written).
enum ICSImportBench {
  static func run(activities: Int, directory: URL, json: Bool) throws {
    let ics = directory.appendingPathComponent("events.ics").path
    try ICSFile.write(items: activities, to: ics)
    let log = { (text: String) in
      if !json { FileHandle.standardError.write(Data("\(text)…\n".utf8)) }
    }
    let path = directory.appendingPathComponent("crm-ics.sqlite").path
    for suffix in ["", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: path + suffix)
    }
    var store: Store? = try Store(path: path)
    _ = try store!.initialize(localUserName: "Bench Admin")
    let note = "\(activities) items"
    var results: [CaseResult] = []

    log("import.ics")
    let start = DispatchTime.now().uptimeNanoseconds
    let cpu = CPUTime.process()
    let report = try importFile(ics, into: store!)
    let importCPU = CPUTime.process().since(cpu)
    let importMs = milliseconds(since: start)
    guard report.created == activities else {
      throw BenchError("the import created \(report.created) activities, not \(activities)")
    }
    results.append(
      CaseResult(
        name: "import.ics", samples: [importMs], targetMs: nil,
        note: "fresh database, \(note): \(report.summary); \(importCPU.description)"))

    log("import.ics.reimport")
    let again = DispatchTime.now().uptimeNanoseconds
    let secondCPU = CPUTime.process()
    let second = try importFile(ics, into: store!)
    let reimportCPU = CPUTime.process().since(secondCPU)
    let reimportMs = milliseconds(since: again)
    guard second.unchanged == activities else {
      throw BenchError(
        "the re-import left \(second.unchanged) activities unchanged, not \(activities)")
    }
    results.append(
      CaseResult(
        name: "import.ics.reimport", samples: [reimportMs], targetMs: nil,
        note: "the same file again: every item matched by UID, nothing written; "
          + reimportCPU.description))
    results.append(
      CaseResult(
        name: "import.ics.rss.peak", figure: try ResidentMemory.current().peak, unit: "MiB",
        target: nil, note: "VmHWM of this process"))
    store = nil

    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      let data = try encoder.encode(ICSImportBenchReport(activities: activities, cases: results))
      print(String(decoding: data, as: UTF8.self))
    } else {
      print("\(activities) iCalendar items, \(ImportBenchCommand.megabytes(ics)) (\(ics))")
      print()
      print(table(results))
    }
  }

  static func importFile(_ path: String, into store: Store) throws -> ActivityImportReport {
    let zone = TimeZone(identifier: "Europe/Berlin")!
    let rows = try ICalendar.rows(url: URL(fileURLWithPath: path), zone: zone)
    return try store.importActivities(rows, refuses: rows.refuses, zone: zone)
  }
}

struct ICSImportBenchReport: Encodable {
  var activities: Int
  var cases: [CaseResult]
}

/// An iCalendar file of made-up meetings and to-dos, in the shape of `scripts/gen-ics`.
enum ICSFile {
  static let words = [
    "Angebot", "Kickoff", "Review", "Call", "Demo", "Müller", "ACME", "Q3", "Vertrag",
  ]
  static let weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

  static func write(items: Int, to path: String) throws {
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw BenchError("cannot write \(path)") }
    defer { try? handle.close() }
    var random = SplitMix64(seed: 42)
    var chunk = ""
    func line(_ text: String) { chunk += fold(text) }
    for text in [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//crm//crm-bench//EN", "BEGIN:VTIMEZONE",
      "TZID:Europe/Berlin", "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
      "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
      "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "DTSTART:19701025T030000",
      "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD", "END:VTIMEZONE",
    ] {
      line(text)
    }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    for index in 0..<items {
      let day = Int(random.next() % UInt64(3 * 365))
      let (year, dayOfYear) = (2025 + day / 365, day % 365)
      let month = min(12, dayOfYear / 31 + 1)
      let dayOfMonth = min(28, dayOfYear % 31 + 1)
      let hour = 7 + Int(random.next() % 12)
      let date = String(format: "%04d%02d%02d", year, month, dayOfMonth)
      let title = (0..<3).map { _ in random.pick(words) }.joined(separator: " ") + " #\(index)"
      if index % 20 == 19 {
        line("BEGIN:VTODO")
        line("UID:todo-\(index)@crm-bench")
        line("DTSTAMP:20260301T120000Z")
        line("SUMMARY:\(title)")
        line("DUE:\(date)T\(String(format: "%02d", hour))0000Z")
        line("PRIORITY:\(1 + random.next() % 9)")
        line("STATUS:NEEDS-ACTION")
        line("END:VTODO")
        continue
      }
      line("BEGIN:VEVENT")
      line("UID:event-\(index)@crm-bench")
      line("DTSTAMP:20260301T120000Z")
      let hh = String(format: "%02d", hour)
      if index % 2 == 1 {
        line("DTSTART;TZID=Europe/Berlin:\(date)T\(hh)0000")
        line("DTEND;TZID=Europe/Berlin:\(date)T\(hh)3000")
      } else {
        line("DTSTART:\(date)T\(hh)0000Z")
        line("DURATION:PT45M")
      }
      line("SUMMARY:\(title)")
      let agenda = (0..<12).map { _ in random.pick(words) }.joined(separator: "\\, ")
      line("DESCRIPTION:Agenda\\n- " + agenda)
      line("LOCATION:Raum 4\\, 2. Stock")
      if index % 10 == 0 {
        // On the start's weekday and the one two days on.
        let start = calendar.date(
          from: DateComponents(year: year, month: month, day: dayOfMonth))!
        let weekday = (calendar.component(.weekday, from: start) + 5) % 7  // Monday is 0
        line("RRULE:FREQ=WEEKLY;BYDAY=\(weekdays[weekday]),\(weekdays[(weekday + 2) % 7]);COUNT=10")
      }
      if index % 3 == 0 {
        for text in [
          "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "TRIGGER:-PT15M", "END:VALARM",
        ] {
          line(text)
        }
      }
      line("END:VEVENT")
      if chunk.utf8.count > 1 << 16 {
        try handle.write(contentsOf: Data(chunk.utf8))
        chunk = ""
      }
    }
    line("END:VCALENDAR")
    try handle.write(contentsOf: Data(chunk.utf8))
  }

  /// A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence.
  static func fold(_ text: String) -> String {
    var bytes = Array(text.utf8)[...]
    var out: [UInt8] = []
    var limit = 75
    while bytes.count > limit {
      var cut = bytes.startIndex + limit
      while bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
      out += bytes[..<cut] + Array("\r\n ".utf8)
      bytes = bytes[cut...]
      limit = 74
    }
    out += bytes + Array("\r\n".utf8)
    return String(decoding: out, as: UTF8.self)
  }
}
