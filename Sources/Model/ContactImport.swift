import Foundation

/// One contact as an import file gives it (a CSV row, a vCard): the contact itself plus what
/// names other records — its company by name or domain, its owner by email — and notes.
/// Interchange produces these from bytes; Store matches and writes them. `line` is where the
/// record starts in the file, for error messages ("line 17: email: ...").
public struct ContactImport: Sendable, Hashable {
  public var line: Int
  public var contact: Contact
  public var companyName: String?
  public var companyDomain: String?
  public var ownerEmail: String?
  /// Notes to add to the contact, one note each (a vCard's NOTE lines); the import leaves out
  /// one the contact already has, so a re-import adds none.
  public var notes: [String]
  /// A stable id from the source (vCard UID, another CRM's record id), so a re-import
  /// updates the same contact.
  public var sourceId: String?

  public init(
    line: Int, contact: Contact, companyName: String? = nil, companyDomain: String? = nil,
    ownerEmail: String? = nil, note: String? = nil, notes: [String] = [],
    sourceId: String? = nil
  ) {
    self.line = line
    self.contact = contact
    self.companyName = companyName
    self.companyDomain = companyDomain
    self.ownerEmail = ownerEmail
    var all: [String] = []
    if let note { all.append(note) }
    all.append(contentsOf: notes)
    self.notes = all
    self.sourceId = sourceId
  }

  /// The notes as one text, joined by a blank line (nil when there are none); setting it
  /// leaves one note.
  public var note: String? {
    get { notes.isEmpty ? nil : notes.joined(separator: "\n\n") }
    set { notes = newValue.map { [$0] } ?? [] }
  }
}

/// A problem with one record of an import file, named by its line.
public struct ImportProblem: Error, Sendable, Hashable, CustomStringConvertible {
  public var line: Int
  public var reason: String

  public init(line: Int, reason: String) {
    self.line = line
    self.reason = reason
  }

  public var description: String { "line \(line): \(reason)" }
}
