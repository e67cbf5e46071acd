import Foundation
import Model
import Store
import Terminal

/// The company merge screen's state: the focused company and its possible duplicates (same
/// domain, or the same name without its legal suffix), which side each field takes, and
/// the question before the merge writes. Contacts, deals, activities and notes of the
/// removed company always move to the kept one.
public enum CompanyMergeRow: Int, CaseIterable, Sendable {
  case name, domain, phone, industry, address, owner

  var field: CompanyMergeChoice.Field {
    switch self {
    case .name: return .name
    case .domain: return .domain
    case .phone: return .phone
    case .industry: return .industry
    case .address: return .address
    case .owner: return .ownerId
    }
  }

  var labelKey: String { "merge.company.\(self)" }
}

public struct CompanyMergeState: Sendable {
  /// The focused company's possible duplicates, each with the one kept as `a`.
  public var pairs: [CompanyDuplicatePair]
  /// Owner names by id.
  public var names: [String: String]
  public var candidate = 0
  public var row = 0
  public var picks: [CompanyMergeRow: MergeSide] = [:]
  public var confirm: ConfirmState?

  public init(pairs: [CompanyDuplicatePair], names: [String: String]) {
    self.pairs = pairs
    self.names = names
  }

  var pair: CompanyDuplicatePair { pairs[candidate] }

  var choice: CompanyMergeChoice {
    CompanyMergeChoice(Dictionary(uniqueKeysWithValues: picks.map { ($0.key.field, $0.value) }))
  }

  var merged: Company { choice.merged(keep: pair.a, remove: pair.b) }

  func value(_ row: CompanyMergeRow, _ company: Company) -> String {
    switch row {
    case .name: return company.name
    case .domain: return company.domain ?? ""
    case .phone: return company.phone ?? ""
    case .industry: return company.industry ?? ""
    case .address: return company.address?.singleLine ?? ""
    case .owner: return company.ownerId.map { names[$0] ?? $0 } ?? ""
    }
  }
}

extension CompanyMergeState: MergeScreenModel {
  var rowCount: Int { CompanyMergeRow.allCases.count }
  var candidateCount: Int { pairs.count }
  var keptName: String { pair.a.name }
  var removedName: String { pair.b.name }
  func labelKey(_ row: Int) -> String { CompanyMergeRow(rawValue: row)?.labelKey ?? "" }

  func cells(_ row: Int, yes: String) -> (kept: String, removed: String) {
    guard let row = CompanyMergeRow(rawValue: row) else { return ("", "") }
    return (value(row, pair.a), value(row, pair.b))
  }

  /// A row with no pick takes the kept side unless it is empty and the other is not.
  func taken(_ row: Int) -> (kept: Bool, removed: Bool) {
    guard let row = CompanyMergeRow(rawValue: row) else { return (false, false) }
    switch picks[row] {
    case .kept?: return (true, false)
    case .removed?: return (false, true)
    case nil:
      let keptEmpty = value(row, pair.a).trimmingCharacters(in: .whitespaces).isEmpty
      return keptEmpty && !value(row, pair.b).isEmpty ? (false, true) : (true, false)
    }
  }

  func result(_ row: Int, yes: String) -> String {
    CompanyMergeRow(rawValue: row).map { value($0, merged) } ?? ""
  }

  /// `h` keeps the kept company's value, `l` takes the other's.
  mutating func choose(_ step: Int) {
    guard let row = CompanyMergeRow(rawValue: row) else { return }
    picks[row] = step < 0 ? .kept : .removed
  }

  mutating func nextCandidate(_ step: Int) {
    guard pairs.count > 1 else { return }
    candidate = (candidate + step + pairs.count) % pairs.count
    picks = [:]
  }

  mutating func swapSides() {
    let p = pairs[candidate]
    pairs[candidate] = CompanyDuplicatePair(a: p.b, b: p.a, reasons: p.reasons)
    picks = picks.mapValues { $0 == .kept ? .removed : .kept }
  }
}
