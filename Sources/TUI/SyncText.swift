import Foundation
import Model
import Store

/// The words of background sync: the status bar, notices of others' changes, the sync
/// screen. Merged into the catalog with the other tables.
extension Catalog {
  static let englishSync: [String: String] = [
    "action.syncScreen": "Sync: refused changes and conflicts",
    "sync.online": "online", "sync.offline": "offline", "sync.syncing": "syncing…",
    "sync.waiting": "{0} waiting", "sync.waitingShort": "{0}↑", "sync.refused": "{0} refused",
    "sync.synced": "synced {0}", "sync.never": "not synced yet",
    "sync.ago.now": "just now", "sync.ago.minutes": "{0} min ago", "sync.ago.hours": "{0} h ago",
    "sync.ago.days": "{0} d ago",
    "sync.someone": "Someone",
    "sync.notice.moved": "{0} moved {1} to {2}", "sync.notice.created": "{0} added {1}",
    "sync.notice.edited": "{0} changed {1}", "sync.notice.deleted": "{0} deleted {1}",
    "sync.notice.andOne": "{0}, and 1 more change",
    "sync.notice.andMore": "{0}, and {1} more changes",
    "sync.refusedStatus": "The server refused {0} of your changes: {1} shows them",
    "sync.title": "Sync", "sync.refusals": "Refused changes ({0})",
    "sync.noRefusals": "No refused changes.", "sync.conflicts": "Overwritten by others ({0})",
    "sync.noConflicts": "No conflicts.", "sync.loading": "Loading…",
    "sync.mine": "mine: {0}", "sync.won": "kept: {0} ({1})",
    "sync.footer": "r redo · d drop · x dismiss conflicts · s sync now · Esc close",
    "sync.confirmDrop": "Drop the refused change \"{0}\"? It will not be sent again.",
    "sync.confirmDropTitle": "Drop change",
    "sync.redone": "Written again, sent with the next sync: {0}",
    "sync.dropped": "Dropped: {0}", "sync.dismissed": "Conflicts dismissed",
    "sync.empty": "(empty)", "sync.bytes": "{0} bytes",
  ]

  static let germanSync: [String: String] = [
    "action.syncScreen": "Sync: abgelehnte Änderungen und Konflikte",
    "sync.online": "online", "sync.offline": "offline", "sync.syncing": "synchronisiert…",
    "sync.waiting": "{0} wartend", "sync.waitingShort": "{0}↑", "sync.refused": "{0} abgelehnt",
    "sync.synced": "synchronisiert {0}", "sync.never": "noch nicht synchronisiert",
    "sync.ago.now": "gerade eben", "sync.ago.minutes": "vor {0} Min.",
    "sync.ago.hours": "vor {0} Std.", "sync.ago.days": "vor {0} T.",
    "sync.someone": "Jemand",
    "sync.notice.moved": "{0} hat {1} nach {2} verschoben",
    "sync.notice.created": "{0} hat {1} angelegt",
    "sync.notice.edited": "{0} hat {1} geändert", "sync.notice.deleted": "{0} hat {1} gelöscht",
    "sync.notice.andOne": "{0}, und 1 weitere Änderung",
    "sync.notice.andMore": "{0}, und {1} weitere Änderungen",
    "sync.refusedStatus": "Der Server hat {0} deiner Änderungen abgelehnt: {1} zeigt sie",
    "sync.title": "Sync", "sync.refusals": "Abgelehnte Änderungen ({0})",
    "sync.noRefusals": "Keine abgelehnten Änderungen.",
    "sync.conflicts": "Von anderen überschrieben ({0})", "sync.noConflicts": "Keine Konflikte.",
    "sync.loading": "Lädt…", "sync.mine": "meins: {0}", "sync.won": "behalten: {0} ({1})",
    "sync.footer": "r erneut · d verwerfen · x Konflikte ausblenden · s jetzt sync · Esc schließt",
    "sync.confirmDrop": "Abgelehnte Änderung „{0}“ verwerfen? Sie wird nicht erneut gesendet.",
    "sync.confirmDropTitle": "Änderung verwerfen",
    "sync.redone": "Erneut geschrieben, geht mit dem nächsten Sync: {0}",
    "sync.dropped": "Verworfen: {0}", "sync.dismissed": "Konflikte ausgeblendet",
    "sync.empty": "(leer)", "sync.bytes": "{0} Bytes",
  ]
}

/// "Ada moved ACME renewal to Negotiation", and "…, and 3 more changes" when there are more;
/// nil when there is nothing to tell.
func noticeText(_ notices: [RemoteNotice], _ state: AppState) -> String? {
  guard let first = notices.first else { return nil }
  let who = first.actorName ?? state.text("sync.someone")
  let one: String
  switch first.kind {
  case .moved(let stage): one = state.text("sync.notice.moved", who, first.title, stage)
  case .created: one = state.text("sync.notice.created", who, first.title)
  case .edited: one = state.text("sync.notice.edited", who, first.title)
  case .deleted: one = state.text("sync.notice.deleted", who, first.title)
  }
  let more = notices.count - 1
  if more == 0 { return one }
  return more == 1
    ? state.text("sync.notice.andOne", one) : state.text("sync.notice.andMore", one, String(more))
}

/// "just now", "2 min ago", "3 h ago", "4 d ago": how long before `now` a moment was.
func agoText(_ date: Date, _ state: AppState) -> String {
  let minutes = Int(max(0, state.now.timeIntervalSince(date)) / 60)
  if minutes < 1 { return state.text("sync.ago.now") }
  if minutes < 60 { return state.text("sync.ago.minutes", String(minutes)) }
  if minutes < 48 * 60 { return state.text("sync.ago.hours", String(minutes / 60)) }
  return state.text("sync.ago.days", String(minutes / 1440))
}

/// A field's value as the sync screen shows it: text as is, numbers plainly.
func fieldValueText(_ value: FieldValue, _ state: AppState) -> String {
  switch value {
  case .null: return state.text("sync.empty")
  case .integer(let number): return String(number)
  case .real(let real): return String(real)
  case .text(let text): return text.isEmpty ? state.text("sync.empty") : text
  case .blob(let bytes): return state.text("sync.bytes", String(bytes.count))
  }
}
