import Foundation
import Model
import Store
import Terminal

/// The merge screen's state: the focused contact and its possible duplicates side by side,
/// which side each field takes, and the question before the merge writes.
public enum MergeRow: Int, CaseIterable, Sendable {
  case name, title, emails, phones, company, owner, tags, optOut

  /// The fields of `MergeChoice` the row picks.
  var fields: [MergeChoice.Field] {
    switch self {
    case .name: return [.firstName, .lastName]
    case .title: return [.title]
    case .emails: return [.emails]
    case .phones: return [.phones]
    case .company: return [.companyId]
    case .owner: return [.ownerId]
    case .tags: return [.tags]
    case .optOut: return [.emailOptOut]
    }
  }

  /// Emails, phones and tags take the union of both sides unless one side is picked.
  var isList: Bool { self == .emails || self == .phones || self == .tags }

  var labelKey: String { "merge.row.\(self)" }
}

public struct MergeState: Sendable {
  /// The focused contact's possible duplicates, each with it as `a` (the one kept).
  public var pairs: [DuplicatePair]
  /// Company and owner names by id, for the rows that show them.
  public var names: [String: String]
  public var candidate = 0
  public var row = 0
  /// The side picked per row; a row with none takes the default of `MergeChoice`.
  public var picks: [MergeRow: MergeSide] = [:]
  /// The question before the merge, while it is asked.
  public var confirm: ConfirmState?

  public init(pairs: [DuplicatePair], names: [String: String]) {
    self.pairs = pairs
    self.names = names
  }

  var pair: DuplicatePair { pairs[candidate] }

  var choice: MergeChoice {
    var picks: [MergeChoice.Field: MergeSide] = [:]
    for (row, side) in self.picks {
      for field in row.fields { picks[field] = side }
    }
    return MergeChoice(picks)
  }

  /// The kept contact as the merge would leave it.
  var merged: Contact { choice.merged(keep: pair.a, remove: pair.b) }

  /// The row's value on a contact, as the screen shows it.
  func value(_ row: MergeRow, _ contact: Contact, yes: String) -> String {
    switch row {
    case .name: return contact.fullName
    case .title: return contact.title ?? ""
    case .emails: return contact.emails.map(\.address).joined(separator: ", ")
    case .phones: return contact.phones.map(\.number).joined(separator: ", ")
    case .company: return contact.companyId.map { names[$0] ?? $0 } ?? ""
    case .owner: return contact.ownerId.map { names[$0] ?? $0 } ?? ""
    case .tags: return contact.tags.joined(separator: ", ")
    case .optOut: return contact.emailOptOut ? yes : ""
    }
  }

  /// Which sides the merged record takes the row from: one, or both for a list's union.
  func takes(_ row: MergeRow) -> (kept: Bool, removed: Bool) {
    switch picks[row] {
    case .kept?: return (true, false)
    case .removed?: return (false, true)
    case nil:
      let keptEmpty = value(row, pair.a, yes: "y").trimmingCharacters(in: .whitespaces).isEmpty
      let removedEmpty = value(row, pair.b, yes: "y").isEmpty
      if row.isList { return (!keptEmpty || removedEmpty, !removedEmpty) }
      return keptEmpty && !removedEmpty ? (false, true) : (true, false)
    }
  }

  /// `h` (-1) / `l` (+1) on the focused row: a list row steps kept ← both → removed; any
  /// other row takes the side asked for.
  mutating func choose(_ step: Int) {
    guard let row = MergeRow(rawValue: row) else { return }
    if row.isList {
      let position = picks[row].map { $0 == .kept ? -1 : 1 } ?? 0
      switch min(1, max(-1, position + step)) {
      case -1: picks[row] = .kept
      case 1: picks[row] = .removed
      default: picks[row] = nil
      }
    } else {
      picks[row] = step < 0 ? .kept : .removed
    }
  }

  /// The next (or previous) candidate, with fresh picks.
  mutating func nextCandidate(_ step: Int) {
    guard pairs.count > 1 else { return }
    candidate = (candidate + step + pairs.count) % pairs.count
    picks = [:]
  }

  /// `s`: the other record is kept. A side picked stays with its value.
  mutating func swapSides() {
    let p = pairs[candidate]
    pairs[candidate] = DuplicatePair(a: p.b, b: p.a, reasons: p.reasons)
    picks = picks.mapValues { $0 == .kept ? .removed : .kept }
  }
}

/// What the merge screen's keys and drawing need of a merge, of contacts or of companies:
/// rows of fields with a value per side, which sides the merged record takes, the
/// candidates, and the two records' names.
protocol MergeScreenModel: Sendable {
  var row: Int { get set }
  var confirm: ConfirmState? { get set }
  var rowCount: Int { get }
  var candidate: Int { get }
  var candidateCount: Int { get }
  var keptName: String { get }
  var removedName: String { get }
  func labelKey(_ row: Int) -> String
  func cells(_ row: Int, yes: String) -> (kept: String, removed: String)
  func taken(_ row: Int) -> (kept: Bool, removed: Bool)
  /// The row's value on the merged record.
  func result(_ row: Int, yes: String) -> String
  mutating func choose(_ step: Int)
  mutating func nextCandidate(_ step: Int)
  mutating func swapSides()
}

extension MergeState: MergeScreenModel {
  var rowCount: Int { MergeRow.allCases.count }
  var candidateCount: Int { pairs.count }
  var keptName: String { pair.a.fullName }
  var removedName: String { pair.b.fullName }
  func labelKey(_ row: Int) -> String { MergeRow(rawValue: row)?.labelKey ?? "" }

  func cells(_ row: Int, yes: String) -> (kept: String, removed: String) {
    guard let row = MergeRow(rawValue: row) else { return ("", "") }
    return (value(row, pair.a, yes: yes), value(row, pair.b, yes: yes))
  }

  func taken(_ row: Int) -> (kept: Bool, removed: Bool) {
    MergeRow(rawValue: row).map(takes) ?? (false, false)
  }

  func result(_ row: Int, yes: String) -> String {
    MergeRow(rawValue: row).map { value($0, merged, yes: yes) } ?? ""
  }
}
