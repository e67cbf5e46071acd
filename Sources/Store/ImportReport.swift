import Model

/// How an import treats a row that matches a contact already in the store (by source id or
/// email): `create` only adds new contacts, `update` only changes existing ones, `both` (the
/// default) does either, so importing the same file twice creates no duplicates.
public enum ImportMode: String, CaseIterable, Sendable {
  case create, update, both
}

/// What an import did (or, for a dry run, would do): contacts created, updated and left as
/// they were, companies created for the names and domains the file gave, and the rows it did
/// not import with the reason, by line.
public struct ImportReport: Sendable, Equatable {
  public var created: Int
  public var updated: Int
  public var unchanged: Int
  public var companiesCreated: Int
  /// Rows not imported: invalid ones (with `skipInvalid`) and, in `create` or `update` mode,
  /// the ones the mode leaves out.
  public var skipped: [ImportProblem]

  public init(
    created: Int = 0, updated: Int = 0, unchanged: Int = 0, companiesCreated: Int = 0,
    skipped: [ImportProblem] = []
  ) {
    self.created = created
    self.updated = updated
    self.unchanged = unchanged
    self.companiesCreated = companiesCreated
    self.skipped = skipped
  }

  /// "created 120, updated 3, unchanged 0, skipped 0; 4 companies created".
  public var summary: String {
    let companies = companiesCreated == 1 ? "1 company" : "\(companiesCreated) companies"
    return
      "created \(created), updated \(updated), unchanged \(unchanged), skipped \(skipped.count); "
      + "\(companies) created"
  }
}
