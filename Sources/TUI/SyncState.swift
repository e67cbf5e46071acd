import Foundation
import Model
import Store
import Terminal

/// Background sync as the app sees it: when the next one is due, whether one runs, and what
/// the last one said. `AppState.sync` is nil when the database has no sync account, and then
/// nothing of sync is drawn or run.
public struct SyncState: Sendable {
  /// After the last local write, how long to wait for more before syncing.
  public static let debounce: TimeInterval = 2
  /// How often to sync when nothing else asks for it (and to retry while offline).
  public static let interval: TimeInterval = 180
  /// How long a notice of others' changes stays in the status bar.
  public static let noticeDuration: TimeInterval = 6

  /// A sync is on its way (never two at once).
  public var running = false
  /// Something asked for a sync while one was running: run another when it ends.
  public var queued = false
  /// The last local write not yet followed by a sync; a sync starts `debounce` after it.
  public var wroteAt: Date?
  /// When the periodic sync is next due (at start: now).
  public var nextDue: Date
  /// nil until the first sync answers.
  public var connection: BackgroundSyncOutcome.Connection?
  /// Local mutations waiting to be pushed, as the store last said.
  public var pending = 0
  public var lastSyncAt: Date?
  /// Refused changes and conflicts the user has not dealt with (the sync screen's).
  public var refusals = 0
  public var conflicts = 0
  /// "Ada moved ACME renewal to Negotiation", shown until `noticeUntil`.
  public var notice: String?
  public var noticeUntil: Date?

  public init(status: SyncStatus?, now: Date) {
    nextDue = now
    if let status { take(status) }
  }

  /// The store's counts after a sync or a change on the sync screen.
  mutating func take(_ status: SyncStatus) {
    pending = status.pending
    lastSyncAt = status.lastSyncAt
    refusals = status.refusals
    conflicts = status.conflicts
  }

  /// When something sync-related next has to happen on its own: the notice goes, the
  /// debounced or the periodic sync starts. The runtime sends `.syncClock` then.
  public var wakeTime: Date? {
    var times: [Date] = []
    if let noticeUntil { times.append(noticeUntil) }
    if !running {
      times.append(nextDue)
      if let wroteAt { times.append(wroteAt.addingTimeInterval(Self.debounce)) }
    }
    return times.min()
  }
}

/// The sync screen's data: refused changes and conflicts, read together, with what it
/// needs to show their ids and amounts as the rest of the app does.
public struct SyncScreenData: Sendable, Hashable {
  public var refusals: [SyncRefusal]
  public var conflicts: [SyncConflict]
  /// Names by id: users ("who won", owners), pipelines, stages, and the deals, contacts,
  /// companies and activities the lists mention (their title or name).
  public var names: [String: String]
  /// The currency of each deal the lists mention, for its value in minor units.
  public var currencies: [String: Currency]
  public var status: SyncStatus?

  public init(
    refusals: [SyncRefusal], conflicts: [SyncConflict], names: [String: String],
    currencies: [String: Currency] = [:], status: SyncStatus?
  ) {
    self.refusals = refusals
    self.conflicts = conflicts
    self.names = names
    self.currencies = currencies
    self.status = status
  }
}

/// The sync screen (`Y`): refused changes to redo or drop, then conflicts to read and
/// dismiss. One cursor runs over both lists; `r` and `d` act on a refused change.
public struct SyncScreenState: Sendable {
  public var data: SyncScreenData?
  /// Row under the cursor: refusals first, then conflicts.
  public var selected = 0
  /// First row shown, when the rows do not all fit.
  public var scroll = 0
  /// Asking whether to drop a refused change.
  public var confirmDrop: PendingDrop?
  /// A redo, drop or dismissal is on its way.
  public var busy = false

  public init() {}

  /// The refused change the drop question is about, and the question's buttons.
  public struct PendingDrop: Sendable {
    public var id: String
    public var label: String
    public var confirm = ConfirmState()
  }

  var rowCount: Int { (data?.refusals.count ?? 0) + (data?.conflicts.count ?? 0) }

  /// The refused change under the cursor, if the cursor is on one.
  var selectedRefusal: SyncRefusal? {
    guard let refusals = data?.refusals, refusals.indices.contains(selected) else { return nil }
    return refusals[selected]
  }
}
