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
    abstract: "Import contacts from a CSV file or vCards, activities from iCalendar.",
    discussion: """
      A row whose source id (vCard UID, the ID column of our export) or any email matches a \
      contact updates it: fields the row gives win, emails, phones and tags are added. So \
      importing the same file twice creates no duplicates. Companies named in the file are \
      matched by domain, then name, else created; owners are matched by email.
      """,
    subcommands: [CSV.self, VCardFile.self, Mappings.self, ImportICS.self])

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
      abstract: "Import contacts from CSV (Google, Outlook, HubSpot, Bigin, Pipedrive, ours).",
      discussion: """
        Columns are recognised from their headers; --map overrides one. --save-map NAME \
        keeps this run's overrides (those of --mapping plus --map) under a name, saved after \
        the import succeeds; --mapping NAME uses them again, and a --map given with it wins. \
        `crm import mappings` lists them. They live in $XDG_CONFIG_HOME/crm/mappings/NAME.map \
        (~/.config/crm/mappings), one Header=field per line.
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: Options
    @Argument(help: "The CSV file; its first row names the columns.") var file: String
    @Option(
      name: .customLong("map"),
      help: "Map a column to a field: \"Header=field\" (or \"Header=ignore\"); repeatable.")
    var maps: [String] = []
    @Option(help: "Field delimiter: , ; or tab (default: guessed from the file).")
    var delimiter: String?
    @Option(
      name: .customLong("mapping"),
      help: ArgumentHelp("Use the saved mapping NAME (see --save-map).", valueName: "NAME"))
    var mappingName: String?
    @Option(
      name: .customLong("save-map"),
      help: ArgumentHelp(
        "Save the overrides (--mapping's and --map's) as NAME once the import succeeds.",
        valueName: "NAME"))
    var saveName: String?

    func run() throws {
      let mappings = SavedMappings.standard()
      var saved: SavedMapping?
      if let mappingName {
        do { saved = try mappings.load(mappingName) } catch {
          throw CLIError("--mapping: \(error.message)")
        }
      }
      var toSave: SavedMapping?
      if let saveName {
        do { try SavedMappings.check(name: saveName) } catch {
          throw CLIError("--save-map: \(error.message)")
        }
        let pairs: [SavedMapping.Pair]
        do {
          pairs = try SavedMapping.pairs((saved?.pairs.map(\.spec) ?? []) + maps)
        } catch {
          throw CLIError(error.message)
        }
        guard !pairs.isEmpty else {
          throw CLIError("--save-map: nothing to save; give --map \"Header=field\" or --mapping")
        }
        toSave = SavedMapping(name: saveName, pairs: pairs)
      }
      let contacts: ContactFile
      do {
        contacts = try ContactFileReader.csv(
          path: file, delimiter: try delimiterByte(), maps: maps, saved: saved)
      } catch let error as ContactFileError {
        throw CLIError(error.message)
      }
      try ImportRun(file: file, options: options, global: global).run(
        contacts.rows, refuses: contacts.refuses, unmapped: contacts.unmapped)
      if let toSave {
        let replaced: Bool
        do { replaced = try mappings.save(toSave) } catch {
          throw CLIError(
            "--save-map: \(error.message)"
              + (options.dryRun ? "" : " (the contacts were imported)"))
        }
        let count = toSave.pairs.count
        Output.line(
          "\(replaced ? "replaced" : "saved") mapping \"\(toSave.name)\": \(count) "
            + (count == 1 ? "column" : "columns"))
      }
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
      commandName: "vcard", abstract: "Import contacts from a vCard file (2.1, 3.0 or 4.0).",
      discussion: """
        The file is read a card at a time, so memory stays flat however large it is. Each \
        NOTE becomes a note of its own; one the contact already has is not added again, so \
        re-importing our own export adds none.
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: Options
    @Argument(help: "The .vcf file.") var file: String

    func run() throws {
      let contacts: ContactFile
      do {
        contacts = try ContactFileReader.vcard(path: file)
      } catch {
        throw CLIError(error.message)
      }
      try ImportRun(file: file, options: options, global: global).run(
        contacts.rows, refuses: contacts.refuses, unmapped: contacts.unmapped)
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
    let report = try Self.withProgress(file: file) { progress in
      try store.importContacts(
        rows, mode: options.mode, dryRun: options.dryRun, skipInvalid: options.skipInvalid,
        refuses: refuses, progress: progress)
    }
    Self.reportSkipped(report.skipped, file: file)
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

  /// Runs a Store import with the progress line on a terminal; the problem that refuses the
  /// file becomes one error naming the file and its line.
  static func withProgress<R>(
    file: String, _ body: (@escaping (Int) -> Void) throws -> R
  ) throws -> R {
    let progress = ImportProgress(enabled: isatty(STDERR_FILENO) == 1)
    defer { progress.clear() }
    do {
      return try body(progress.update)
    } catch let problem as ImportProblem {
      throw CLIError("\(file) line \(problem.line): \(problem.reason)")
    }
  }

  /// Each skipped row (`--skip-invalid`) as a line on standard error, then `extra` lines.
  static func reportSkipped(_ skipped: [ImportProblem], file: String, extra: [String] = []) {
    var text = ""
    for problem in skipped { text += "crm: \(file) line \(problem.line): \(problem.reason)\n" }
    for line in extra { text += "crm: \(file) \(line)\n" }
    FileHandle.standardError.write(Data(text.utf8))
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
