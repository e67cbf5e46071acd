import Foundation

/// One contact as an import file gives it (a CSV row, a vCard): the contact itself plus what
/// names other records — its company by name or domain, its owner by email — and a note.
/// Interchange produces these from bytes; Store matches and writes them. `line` is where the
/// record starts in the file, for error messages ("line 17: email: ...").
public struct ContactImport: Sendable, Hashable {
  public var line: Int
  public var contact: Contact
  public var companyName: String?
  public var companyDomain: String?
  public var ownerEmail: String?
  public var note: String?
  /// A stable id from the source (vCard UID, another CRM's record id), so a re-import
  /// updates the same contact.
  public var sourceId: String?

  public init(
    line: Int, contact: Contact, companyName: String? = nil, companyDomain: String? = nil,
    ownerEmail: String? = nil, note: String? = nil, sourceId: String? = nil
  ) {
    self.line = line
    self.contact = contact
    self.companyName = companyName
    self.companyDomain = companyDomain
    self.ownerEmail = ownerEmail
    self.note = note
    self.sourceId = sourceId
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
