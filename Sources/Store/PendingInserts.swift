import GRDB
import Model

/// New records an import has checked but not yet written, written together by the
/// multi-row `MutationWriter.insert(_:extraColumns:extraValues:)`:
///
///     let pending = PendingInserts<Contact>(writer: w, extraColumns: ["sourceId"])
///     try pending.flush(ifHolding: keys)  // before looking up what a held record may match
///     try pending.add(contact, extra: [sourceId], keys: keys)
///
/// One statement per row made SQLite end a statement per row, and full-text search writes
/// what it gathered at the end of every statement: a new index segment per contact, merged
/// over and over. A held record is invisible to queries, so the importer names each one by
/// the keys it could be found by, and flushes before a lookup by a key it holds.
final class PendingInserts<R: StoredRecord & ColumnEncodedRecord> {
  private let writer: MutationWriter
  private let extraColumns: [String]
  private var records: [R] = []
  private var extras: [[DatabaseValue]] = []
  /// The keys the held records were added with.
  private(set) var keys: Set<String> = []

  init(writer: MutationWriter, extraColumns: [String] = []) {
    self.writer = writer
    self.extraColumns = extraColumns
  }

  var isEmpty: Bool { records.isEmpty }

  /// Holds `record` (with its values of the extra columns), written at the latest when a
  /// batch is full.
  func add(_ record: R, extra: [DatabaseValue] = [], keys recordKeys: [String]) throws {
    precondition(extra.count == extraColumns.count)
    records.append(record)
    extras.append(extra)
    keys.formUnion(recordKeys)
    if records.count >= MutationWriter.insertBatchRows { try flush() }
  }

  /// Writes what is held if any of `lookupKeys` names a held record.
  func flush(ifHolding lookupKeys: some Sequence<String>) throws {
    guard !records.isEmpty, lookupKeys.contains(where: keys.contains) else { return }
    try flush()
  }

  /// Writes every held record.
  func flush() throws {
    guard !records.isEmpty else { return }
    try writer.insert(
      records, extraColumns: extraColumns, extraValues: extraColumns.isEmpty ? [] : extras)
    records.removeAll(keepingCapacity: true)
    extras.removeAll(keepingCapacity: true)
    keys.removeAll(keepingCapacity: true)
  }
}

/// The keys of an iCalendar import's held activities: what `ActivityImporter` and
/// `ChangedOccurrences` look activities up by.
extension PendingInserts where R == Activity {
  /// Holds a new activity under its id, its UID and, for a changed occurrence, a key that
  /// every series asks for (its exclusions read the changed occurrences by source id).
  func add(_ activity: Activity, changedOccurrence: Bool) throws {
    var keys = ["i:" + activity.id]
    if let uid = activity.sourceId { keys.append("s:" + uid) }
    if changedOccurrence { keys.append("changed") }
    try add(activity, keys: keys)
  }

  /// Before looking up the activity with this UID (or id).
  func flush(beforeFinding uid: String) throws {
    try flush(ifHolding: ["s:" + uid, "i:" + uid.lowercased()])
  }

  /// Before reading the changed occurrences of a series.
  func flushBeforeReadingChangedOccurrences() throws {
    try flush(ifHolding: ["changed"])
  }
}
