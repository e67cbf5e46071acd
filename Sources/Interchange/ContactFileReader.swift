import Foundation
import Model

/// A contacts file made ready for `Store.importContacts`: its rows, read one at a time, which
/// problems refuse the file even when invalid rows are skipped, and the columns no field
/// takes. The CLI's `crm import` and the TUI's import dialog both read files through here.
public struct ContactFile {
  public let rows: AnySequence<Result<ContactImport, ImportProblem>>
  /// True for a problem past which the file cannot be read (it refuses the whole import).
  public let refuses: (ImportProblem) -> Bool
  /// CSV headers no field takes (empty for vCards).
  public let unmapped: [String]
}

/// Why a contacts file cannot be read at all: `message` names the file and, when there is
/// one, the line ("people.csv line 3: unterminated quote").
public struct ContactFileError: Error, Sendable, Equatable, CustomStringConvertible {
  public let line: Int?
  public let reason: String
  public let message: String

  public var description: String { message }
}

/// Reads CSV and vCard files of contacts.
public enum ContactFileReader {
  public enum Format: Sendable, Equatable {
    case csv, vcard

    /// The format a file name says: .csv, .tsv, .txt are CSV; .vcf, .vcard are vCards.
    public init?(path: String) {
      switch URL(fileURLWithPath: path).pathExtension.lowercased() {
      case "csv", "tsv", "txt": self = .csv
      case "vcf", "vcard": self = .vcard
      default: return nil
      }
    }
  }

  /// The file at `path`, read as its extension says.
  public static func read(path: String) throws(ContactFileError) -> ContactFile {
    switch Format(path: path) {
    case .csv?: return try csv(path: path)
    case .vcard?: return try vcard(path: path)
    case nil:
      throw ContactFileError(
        line: nil, reason: "not a .csv, .tsv, .txt, .vcf or .vcard file",
        message: "\(path): not a .csv, .tsv, .txt, .vcf or .vcard file")
    }
  }

  /// A CSV file whose first row names the columns; `maps` are "Header=field" overrides, which
  /// win over those of a `saved` mapping. A saved pair whose column the file lacks is an
  /// error naming the mapping.
  public static func csv(
    path: String, delimiter: UInt8? = nil, maps: [String] = [], saved: SavedMapping? = nil
  ) throws(ContactFileError) -> ContactFile {
    let reader: CSVReader
    do {
      reader = try CSVReader(url: URL(fileURLWithPath: path), delimiter: delimiter)
    } catch let error as CSVError {
      throw ContactFileError(line: nil, reason: error.reason, message: error.reason)
    } catch {
      throw ContactFileError(
        line: nil, reason: "\(error)", message: "cannot read \(path): \(error)")
    }
    let header: CSVRecord?
    do { header = try reader.next() } catch {
      throw ContactFileError(
        line: error.line, reason: error.reason,
        message: "\(path) line \(error.line): \(error.reason)")
    }
    guard let header else {
      let reason = "the file is empty (no header row)"
      throw ContactFileError(line: nil, reason: reason, message: "\(path): \(reason)")
    }
    var overrides: [String: String] = [:]
    for pair in saved?.pairs ?? [] {
      do {
        _ = try ContactMapping(headers: header.fields, overrides: [pair.header: pair.field])
      } catch {
        var reason = error.message
        if reason.hasPrefix("--map: ") { reason.removeFirst("--map: ".count) }
        let message = "mapping \"\(saved?.name ?? "")\": \(reason)"
        throw ContactFileError(line: nil, reason: message, message: message)
      }
      overrides[pair.header] = pair.field
    }
    let mapping: ContactMapping
    do {
      overrides.merge(try ContactMapping.parseOverrides(maps)) { _, given in given }
      mapping = try ContactMapping(headers: header.fields, overrides: overrides)
    } catch {
      throw ContactFileError(line: nil, reason: error.message, message: error.message)
    }
    let rows = CSVRows(reader: reader, mapping: mapping)
    return ContactFile(
      rows: AnySequence(rows), refuses: { $0 == rows.unreadable }, unmapped: mapping.unmapped)
  }

  /// A vCard file (2.1, 3.0 or 4.0), read a chunk and a card at a time. The first card is
  /// read here, so a file that is not vCards at all is refused before anything is imported;
  /// a later structural error ends the rows with a problem that `refuses` the import.
  public static func vcard(path: String, chunkSize: Int = VCardReader.defaultChunkSize)
    throws(ContactFileError) -> ContactFile
  {
    let reader: VCardReader
    do {
      reader = try VCardReader(url: URL(fileURLWithPath: path), chunkSize: chunkSize)
    } catch {
      throw ContactFileError(
        line: nil, reason: error.localizedDescription,
        message: "cannot read \(path): \(error.localizedDescription)")
    }
    let first: VCardCard?
    do {
      first = try reader.next()
    } catch {
      throw ContactFileError(
        line: error.line, reason: error.reason,
        message: "\(path) line \(error.line): \(error.reason)")
    }
    let rows = VCardRows(reader: reader, first: first)
    return ContactFile(
      rows: AnySequence(rows), refuses: { $0 == rows.unreadable }, unmapped: [])
  }
}

/// The cards of a vCard file as the Store reads them, one at a time. A structural error ends
/// the file (nothing past it can be trusted), so that problem refuses the import even when
/// invalid cards are skipped: `unreadable` names it.
public final class VCardRows: Sequence, IteratorProtocol {
  private let reader: VCardReader
  private var first: VCardCard?
  public private(set) var unreadable: ImportProblem?

  /// `first` is a card already read from `reader`, handed out before the rest.
  public init(reader: VCardReader, first: VCardCard? = nil) {
    self.reader = reader
    self.first = first
  }

  public func next() -> Result<ContactImport, ImportProblem>? {
    guard unreadable == nil else { return nil }
    let card: VCardCard?
    if let first {
      card = first
      self.first = nil
    } else {
      do {
        card = try reader.next()
      } catch {
        let problem = ImportProblem(line: error.line, reason: error.reason)
        unreadable = problem
        return .failure(problem)
      }
    }
    return card.map(VCard.contactImport)
  }
}

/// The rows of a CSV file as the Store reads them, one at a time. A record the reader cannot
/// read ends the file (the reader cannot go on past it), so that problem refuses the import
/// even when invalid rows are skipped: `unreadable` names it.
public final class CSVRows: Sequence, IteratorProtocol {
  private let reader: CSVReader
  private let mapping: ContactMapping
  /// The mapping's columns by field, worked out once for the file.
  private let plan: ContactMapping.Plan
  public private(set) var unreadable: ImportProblem?

  public init(reader: CSVReader, mapping: ContactMapping) {
    self.reader = reader
    self.mapping = mapping
    self.plan = mapping.plan()
  }

  public func next() -> Result<ContactImport, ImportProblem>? {
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
      return .success(try mapping.contactImport(record, plan: plan))
    } catch {
      return .failure(error)
    }
  }
}
