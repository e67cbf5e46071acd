/// libFuzzer target for the CSV reader, the writer and the contact mapping, the vCard
/// parser and its import, and the iCalendar reader, its import and writer. Build it alone
/// (see scripts/fuzz): `swift build --product crm-fuzz-csv -Xswiftc -sanitize=fuzzer
/// -c release --scratch-path .build-fuzz`. In an ordinary build libFuzzer is absent, the
/// weakly linked driver is
/// absent (the target exports its symbols so `dlsym` can tell), and the program only says
/// how to build it.
import Foundation
import Interchange

#if canImport(Glibc)
  import Glibc
#endif

typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

@_weakLinked
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: TestOneInput
) -> Int32

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let data = bytes.map { Data(bytes: $0, count: size) } ?? Data()
  exercise(data, delimiter: nil)
  if let first = data.first, [0x2C, 0x3B, 0x09].contains(first) {
    exercise(data.dropFirst(), delimiter: first)
  }
  exerciseVCard(data)
  exerciseICalendar(data)
  return 0
}

/// Reads the bytes as an iCalendar file, in small chunks so line ends and UTF-8 sequences
/// fall across them, and checks that what imports writes out and reads back the same.
func exerciseICalendar(_ data: Data) {
  let zone = TimeZone(identifier: "Europe/Berlin")!
  let now = Date(timeIntervalSince1970: 1_772_366_400)
  let items = ICalendar.rows(data: data, zone: zone, now: now).prefix(200).compactMap {
    try? $0.get()
  }
  guard !items.isEmpty else { return }
  let exports = items.map(ActivityExport.init)
  let text = ICalendar.write(exports, zone: zone, now: now)
  let back = ICalendar.rows(data: Data(text.utf8), zone: zone, now: now).map { row in
    switch row {
    case .success(let item): return item
    case .failure(let problem): preconditionFailure("our export does not read back: \(problem)")
    }
  }
  precondition(back.count == items.count, "round trip: \(back.count) of \(items.count) items")
  for (a, b) in zip(items, back) {
    precondition(a.activity.title == b.activity.title, "title: \(a.activity.title)")
    precondition(
      a.activity.notes == b.activity.notes, "notes: \(String(describing: a.activity.notes))")
    precondition(a.activity.reminders == b.activity.reminders, "reminders")
    precondition(a.activity.kind == b.activity.kind, "kind")
    precondition(a.activity.allDay == b.activity.allDay, "all-day")
    precondition((a.recurrence == nil) == (b.recurrence == nil), "recurrence")
    precondition(
      a.recurrence?.excludedDates.isEmpty == b.recurrence?.excludedDates.isEmpty, "EXDATE")
    precondition(a.changedOccurrence == b.changedOccurrence, "RECURRENCE-ID")
  }
}

/// Parses the bytes as vCard text and turns every card into an import: nothing a file holds
/// may crash the parser.
func exerciseVCard(_ data: Data) {
  guard let text = String(data: data, encoding: .utf8),
    let cards = try? VCard.parse(text)
  else { return }
  _ = VCard.imports(cards)
}

/// Reads every record, maps the first as headers and imports the rest, and checks that
/// writing a record and reading it back gives the same fields.
func exercise(_ data: Data, delimiter: UInt8?) {
  let reader = CSVReader(data: data, delimiter: delimiter)
  var mapping: ContactMapping?
  var count = 0
  while count < 1_000, let record = try? reader.next() {
    count += 1
    roundTrip(record.fields, delimiter: reader.delimiter)
    if let mapping {
      _ = try? mapping.contactImport(record)
    } else {
      mapping = ContactMapping.automatic(headers: record.fields)
      if let header = record.fields.first {
        _ = try? ContactMapping(headers: record.fields, overrides: [header: "email"])
      }
    }
  }
}

func roundTrip(_ fields: [String], delimiter: UInt8) {
  let text = CSVWriter.line(fields, delimiter: Character(Unicode.Scalar(delimiter)))
  let back = try? CSVReader(data: Data(text.utf8), delimiter: delimiter).next()
  precondition(back?.fields.map(CSVWriter.unneutralize) == fields, "round trip: \(fields)")
}

// libFuzzer is linked only under -sanitize=fuzzer; elsewhere the weak driver is missing.
guard dlsym(dlopen(nil, RTLD_NOW), "LLVMFuzzerRunDriver") != nil else {
  FileHandle.standardError.write(
    Data("crm-fuzz-csv: not built with -sanitize=fuzzer; run scripts/fuzz\n".utf8))
  exit(2)
}
var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argc, &argv, fuzzOne))
