import ArgumentParser
import Foundation
import Interchange
import Model
import Store

/// `crm import csv|vcard FILE`: contacts from a file, as one change (`crm undo` takes it
/// back). A broken file is refused whole, naming its line; `--skip-invalid` imports the rest.
struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import contacts from a CSV file or vCards.",
    discussion: """
      A row whose source id (vCard UID, the ID column of our export) or any email matches a \
      contact updates it: fields the row gives win, emails, phones and tags are added. So \
      importing the same file twice creates no duplicates. Companies named in the file are \
      matched by domain, then name, else created; owners are matched by email.
      """,
    subcommands: [CSV.self, VCardFile.self])

  /// The flags both formats take.
  struct Options: ParsableArguments {
    @Option(help: "create: only add new contacts; update: only change existing ones; both.")
    var mode: ImportMode = .both
    @Flag(help: "Show what would be created, updated and skipped; write nothing.")
    var dryRun = false
    @Flag(help: "Import the good rows and report the others, instead of refusing the file.")
    var skipInvalid = false
  }

  struct CSV: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "csv",
      abstract: "Import contacts from CSV (Google, Outlook, HubSpot, Bigin, Pipedrive, ours).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: Options
    @Argument(help: "The CSV file; its first row names the columns.") var file: String
    @Option(
      name: .customLong("map"),
      help: "Map a column to a field: \"Header=field\" (or \"Header=ignore\"); repeatable.")
    var maps: [String] = []
    @Option(help: "Field delimiter: , ; or tab (default: guessed from the file).")
    var delimiter: String?

    func run() throws {
      let reader: CSVReader
      do {
        reader = try CSVReader(url: URL(fileURLWithPath: file), delimiter: try delimiterByte())
      } catch let error as CSVError {
        throw CLIError(error.reason)
      }
      let header: CSVRecord?
      do { header = try reader.next() } catch {
        throw CLIError("\(file) line \(error.line): \(error.reason)")
      }
      guard let header else { throw CLIError("\(file): the file is empty (no header row)") }
      let mapping: ContactMapping
      do {
        mapping = try ContactMapping(
          headers: header.fields, overrides: try ContactMapping.parseOverrides(maps))
      } catch {
        throw CLIError(error.message)
      }
      let rows = CSVRows(reader: reader, mapping: mapping)
      try ImportRun(file: file, options: options, global: global).run(
        rows, refuses: { $0 == rows.unreadable },
        unmapped: mapping.unmapped)
    }

    private func delimiterByte() throws -> UInt8? {
      switch delimiter {
      case nil: return nil
      case ",": return UInt8(ascii: ",")
      case ";": return UInt8(ascii: ";")
      case "tab", "\t", "\\t": return UInt8(ascii: "\t")
      case let other?:
        throw CLIError("--delimiter: \"\(other)\" is not one of , ; tab")
      }
    }
  }

  struct VCardFile: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "vcard", abstract: "Import contacts from a vCard file (3.0 or 4.0).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: Options
    @Argument(help: "The .vcf file.") var file: String

    func run() throws {
      let data: Data
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: file))
      } catch {
        throw CLIError("cannot read \(file): \(error.localizedDescription)")
      }
      let cards: [VCardCard]
      do {
        cards = try VCard.parse(String(decoding: data, as: UTF8.self))
      } catch {
        throw CLIError("\(file) line \(error.line): \(error.reason)")
      }
      try ImportRun(file: file, options: options, global: global).run(
        VCard.imports(cards), refuses: { _ in false }, unmapped: [])
    }
  }
}

/// The rows of a CSV file as the Store reads them, one at a time. A record the reader cannot
/// read ends the file (the reader cannot go on past it), so that problem refuses the import
/// even with --skip-invalid: `unreadable` names it.
final class CSVRows: Sequence, IteratorProtocol {
  private let reader: CSVReader
  private let mapping: ContactMapping
  private(set) var unreadable: ImportProblem?

  init(reader: CSVReader, mapping: ContactMapping) {
    self.reader = reader
    self.mapping = mapping
  }

  func next() -> Result<ContactImport, ImportProblem>? {
    guard unreadable == nil else { return nil }
    let record: CSVRecord?
    do {
      record = try reader.next()
    } catch {
      let problem = ImportProblem(line: error.line, reason: error.reason)
      unreadable = problem
      return .failure(problem)
    }
    guard let record else { return nil }
    do {
      return .success(try mapping.contactImport(record))
    } catch {
      return .failure(error)
    }
  }
}

/// Runs one import and reports it: the summary on standard output, skipped rows on standard
/// error, a progress line on standard error when it is a terminal.
struct ImportRun {
  let file: String
  let options: Import.Options
  let global: GlobalOptions

  func run(
    _ rows: some Sequence<Result<ContactImport, ImportProblem>>,
    refuses: (ImportProblem) -> Bool, unmapped: [String]
  ) throws {
    let store = try global.openStore()
    let progress = ImportProgress(enabled: isatty(STDERR_FILENO) == 1)
    let report: ImportReport
    do {
      report = try store.importContacts(
        rows, mode: options.mode, dryRun: options.dryRun, skipInvalid: options.skipInvalid,
        refuses: refuses, progress: progress.update)
    } catch let problem as ImportProblem {
      progress.clear()
      throw CLIError("\(file) line \(problem.line): \(problem.reason)")
    }
    progress.clear()
    var text = ""
    for problem in report.skipped {
      text += "crm: \(file) line \(problem.line): \(problem.reason)\n"
    }
    FileHandle.standardError.write(Data(text.utf8))
    if options.dryRun {
      Output.line("dry run, nothing written: " + report.summary)
      if !unmapped.isEmpty {
        Output.line(
          "columns not imported: " + unmapped.map { "\"\($0)\"" }.joined(separator: ", "))
      }
    } else {
      Output.line(report.summary)
    }
  }
}

/// "importing: 12000 rows" on standard error, redrawn at most ten times a second.
final class ImportProgress {
  private let enabled: Bool
  private var last = Date.distantPast
  private var shown = false

  init(enabled: Bool) { self.enabled = enabled }

  func update(_ rows: Int) {
    guard enabled, rows % 256 == 0 else { return }
    let now = Date()
    guard now.timeIntervalSince(last) >= 0.1 else { return }
    last = now
    shown = true
    FileHandle.standardError.write(Data("\rimporting: \(rows) rows".utf8))
  }

  func clear() {
    guard shown else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    shown = false
  }
}

extension ImportMode: ExpressibleByArgument {}
