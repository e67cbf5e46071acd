import Foundation
import Store

/// What one sync moved, for "pushed 3 changes, pulled 12, 1 refused: ...".
public struct SyncSummary: Sendable, Hashable {
  /// One local mutation the server refused: reverted locally and kept in the refusals list.
  public struct RefusedMutation: Sendable, Hashable {
    public var label: String
    public var reason: String

    public init(label: String, reason: String) {
      self.label = label
      self.reason = reason
    }
  }

  /// Field changes of mutations the server accepted in this sync.
  public var pushed: Int
  /// Mutations an earlier, interrupted push had already delivered (answered `duplicate`).
  public var duplicates: Int
  public var refused: [RefusedMutation]
  /// Field changes of others received from the server. A pull also brings back this
  /// client's own pushed changes (they are the server's latest writes too); those are not
  /// counted, so a sync that only pushed says "pulled 0".
  public var pulled: Int
  /// What applying the pulled changes did (conflicts, notices of others' changes).
  public var report: PullApplyReport
  /// The server's latest sequence number this client has seen (its pull cursor).
  public var latestSeq: Int64

  public init(
    pushed: Int, duplicates: Int, refused: [RefusedMutation], pulled: Int,
    report: PullApplyReport, latestSeq: Int64
  ) {
    self.pushed = pushed
    self.duplicates = duplicates
    self.refused = refused
    self.pulled = pulled
    self.report = report
    self.latestSeq = latestSeq
  }

  /// "pushed 3 changes, pulled 12, 1 refused: Move X: you may not edit Ada's deal".
  public var sentence: String {
    var parts = ["pushed \(pushed) \(pushed == 1 ? "change" : "changes")", "pulled \(pulled)"]
    if duplicates > 0 { parts.append("\(duplicates) already delivered") }
    if !refused.isEmpty {
      let each = refused.map { "\($0.label): \($0.reason)" }.joined(separator: "; ")
      parts.append("\(refused.count) refused: \(each)")
    }
    if !report.conflicts.isEmpty {
      parts.append("\(report.conflicts.count) overwritten by later edits")
    }
    return parts.joined(separator: ", ")
  }
}
