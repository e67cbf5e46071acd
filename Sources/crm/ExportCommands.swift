import ArgumentParser
import Foundation
import Interchange
import Model
import Store

/// `crm export csv|vcard`: records to standard output or `--output FILE`, read from the
/// Store a page at a time so memory stays flat however many there are.
struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract:
      "Export contacts, companies or deals as CSV, contacts as vCards, activities as iCalendar.",
    subcommands: [CSV.self, VCardFile.self, ExportICS.self])

  static let pageSize = 1000

  struct Destination: ParsableArguments {
    @Option(name: [.short, .long], help: "Write to FILE (replaced atomically) instead of stdout.")
    var output: String?
  }

  enum Kind: String, ExpressibleByArgument, CaseIterable {
    case contacts, companies, deals
  }

  struct CSV: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "csv",
      abstract: "Export contacts (default), companies or deals as CSV.",
      discussion: """
        Cells that start with = + - or @ get a leading apostrophe, so a spreadsheet does not \
        run them as formulas; `crm import csv` takes it off again. The contacts export \
        imports back without loss (its ID column matches the same contacts).
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var destination: Destination
    @Argument(help: "What to export: contacts, companies or deals.") var kind: Kind = .contacts

    func run() throws {
      let store = try global.openStore()
      try ExportSink.write(to: destination.output) { sink in
        switch kind {
        case .contacts: try Self.contacts(store, sink)
        case .companies: try Self.companies(store, sink)
        case .deals: try Self.deals(store, sink)
        }
      }
    }

    static func contacts(_ store: Store, _ sink: ExportSink) throws {
      let names = ExportNames(store: store)
      sink.write(CSVWriter.line(ContactMapping.exportHeaders))
      try Export.pages({ try store.contacts(limit: $0, offset: $1) }) { page in
        for contact in page {
          sink.write(
            CSVWriter.line(
              ContactMapping.exportRow(
                contact, companyName: try names.company(contact.companyId),
                ownerEmail: try names.ownerEmail(contact.ownerId))))
        }
      }
    }

    static func companies(_ store: Store, _ sink: ExportSink) throws {
      let names = ExportNames(store: store)
      sink.write(
        CSVWriter.line([
          "Name", "Domain", "Phone", "Industry", "Street", "City", "Region", "Postal Code",
          "Country", "Owner", "ID",
        ]))
      try Export.pages({ try store.companies(limit: $0, offset: $1) }) { page in
        for c in page {
          let a = c.address ?? PostalAddress()
          sink.write(
            CSVWriter.line([
              c.name, c.domain ?? "", c.phone ?? "", c.industry ?? "", a.street, a.city,
              a.region, a.postalCode, a.country, try names.ownerEmail(c.ownerId) ?? "", c.id,
            ]))
        }
      }
    }

    static func deals(_ store: Store, _ sink: ExportSink) throws {
      let names = ExportNames(store: store)
      sink.write(
        CSVWriter.line([
          "Title", "Value", "Currency", "Pipeline", "Stage", "Status", "Priority", "Close Date",
          "Company", "Owner", "Lost Reason", "Created", "ID",
        ]))
      try Export.pages({ try store.deals(limit: $0, offset: $1) }) { page in
        for s in page {
          let d = s.deal
          sink.write(
            CSVWriter.line([
              d.title, d.value.decimalString, d.value.currency.code, s.pipelineName, s.stageName,
              s.stageKind.rawValue, d.priority.rawValue, d.closeDate.map { "\($0)" } ?? "",
              s.companyName ?? "", try names.ownerEmail(d.ownerId) ?? "", d.lostReason ?? "",
              Output.iso(d.createdAt) as? String ?? "", d.id,
            ]))
        }
      }
    }
  }

  struct VCardFile: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "vcard", abstract: "Export contacts as vCards (4.0 unless --version 3).",
      discussion: """
        Each of a contact's notes goes out as a NOTE of its own, oldest first; importing the \
        file again adds no note the contact already has.
        """)
    @OptionGroup var global: GlobalOptions
    @OptionGroup var destination: Destination
    @Option(help: "vCard version: 3 or 4.") var version: Int = 4

    func run() throws {
      guard version == 3 || version == 4 else {
        throw CLIError("--version: \(version) is not 3 or 4")
      }
      let store = try global.openStore()
      let names = ExportNames(store: store)
      try ExportSink.write(to: destination.output) { sink in
        try Export.pages({ try store.contacts(limit: $0, offset: $1) }) { page in
          // The notes of the whole page in one query, each contact's oldest first.
          let notes = try store.noteBodies(ofContacts: page.map(\.id))
          let cards = try page.map { c in
            (contact: c, companyName: try names.company(c.companyId), notes: notes[c.id] ?? [])
          }
          sink.write(VCard.write(cards, version: version == 3 ? .v3 : .v4))
        }
      }
    }
  }

  /// Calls `body` with each page `fetch(limit, offset)` returns until one comes back short.
  static func pages<T>(_ fetch: (Int, Int) throws -> [T], _ body: ([T]) throws -> Void) throws {
    var offset = 0
    while true {
      let page = try fetch(pageSize, offset)
      if !page.isEmpty { try body(page) }
      if page.count < pageSize { return }
      offset += page.count
    }
  }
}

/// Company names and owner emails by id, each read once per export.
final class ExportNames {
  private let store: Store
  private var companies: [String: String] = [:]
  private var owners: [String: String]?

  init(store: Store) { self.store = store }

  func company(_ id: String?) throws -> String? {
    guard let id else { return nil }
    if let name = companies[id] { return name }
    let name = try store.company(id).name
    companies[id] = name
    return name
  }

  func ownerEmail(_ id: String?) throws -> String? {
    guard let id else { return nil }
    if owners == nil {
      owners = Dictionary(
        try store.users().filter { !$0.email.isEmpty }.map { ($0.id, $0.email) },
        uniquingKeysWith: { first, _ in first })
    }
    return owners?[id]
  }
}

/// Where an export goes: standard output, or a temporary file beside `--output` that is
/// renamed over it at the end, so a failed export leaves the old file as it was.
final class ExportSink {
  private let handle: FileHandle
  private var buffer = Data()

  private init(handle: FileHandle) { self.handle = handle }

  func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  private func flush() {
    handle.write(buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  static func write(to path: String?, _ body: (ExportSink) throws -> Void) throws {
    guard let path else {
      let sink = ExportSink(handle: .standardOutput)
      try body(sink)
      sink.flush()
      return
    }
    let target = URL(fileURLWithPath: path)
    let temporary = target.deletingLastPathComponent()
      .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
      throw CLIError("--output: cannot write \(path)")
    }
    do {
      let handle = try FileHandle(forWritingTo: temporary)
      let sink = ExportSink(handle: handle)
      try body(sink)
      sink.flush()
      try handle.synchronize()
      try handle.close()
      if rename(temporary.path, target.path) != 0 {
        throw CLIError("--output: cannot write \(path): \(String(cString: strerror(errno)))")
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }
}
