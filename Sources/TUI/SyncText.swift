import Foundation
import Model
import Store
import Synchronization

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
    "sync.yes": "yes", "sync.no": "no", "sync.tried": "tried: {0}",
    "sync.field.stageId": "Stage", "sync.field.pipelineId": "Pipeline",
    "sync.field.fromStageId": "From stage", "sync.field.toStageId": "To stage",
    "sync.field.ownerId": "Owner", "sync.field.assigneeId": "Assignee",
    "sync.field.authorId": "Author", "sync.field.byUserId": "Moved by",
    "sync.field.dealId": "Deal", "sync.field.contactId": "Contact",
    "sync.field.lostReason": "Lost reason", "sync.field.deleted": "Deleted",
    "sync.field.emailOptOut": "Email opt-out", "sync.field.allDay": "All day",
    "sync.field.dueAt": "Due", "sync.field.startAt": "Start", "sync.field.endAt": "End",
    "sync.field.doneAt": "Done", "sync.field.at": "When", "sync.field.body": "Text",
    "sync.field.address": "Address", "sync.field.tags": "Tags",
    "sync.field.probability": "Win probability", "sync.field.rotDays": "Rot days",
    "sync.field.position": "Position", "sync.field.createdAt": "Created",
    "sync.field.updatedAt": "Updated", "sync.field.stageChangedAt": "In stage since",
    "sync.field.callDurationSeconds": "Call duration", "sync.field.callDirection": "Direction",
    "sync.field.callOutcome": "Outcome", "sync.field.reminders": "Reminders",
    "sync.field.requiredFields": "Required fields", "sync.field.email": "Email",
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
    "sync.yes": "ja", "sync.no": "nein", "sync.tried": "versucht: {0}",
    "sync.field.stageId": "Phase", "sync.field.pipelineId": "Pipeline",
    "sync.field.fromStageId": "Von Phase", "sync.field.toStageId": "Nach Phase",
    "sync.field.ownerId": "Inhaber", "sync.field.assigneeId": "Zuständig",
    "sync.field.authorId": "Verfasser", "sync.field.byUserId": "Verschoben von",
    "sync.field.dealId": "Deal", "sync.field.contactId": "Kontakt",
    "sync.field.lostReason": "Verlustgrund", "sync.field.deleted": "Gelöscht",
    "sync.field.emailOptOut": "Keine E-Mails", "sync.field.allDay": "Ganztägig",
    "sync.field.dueAt": "Fällig", "sync.field.startAt": "Beginn", "sync.field.endAt": "Ende",
    "sync.field.doneAt": "Erledigt", "sync.field.at": "Wann", "sync.field.body": "Text",
    "sync.field.address": "Adresse", "sync.field.tags": "Schlagwörter",
    "sync.field.probability": "Gewinnchance", "sync.field.rotDays": "Verfallstage",
    "sync.field.position": "Position", "sync.field.createdAt": "Angelegt",
    "sync.field.updatedAt": "Geändert", "sync.field.stageChangedAt": "In der Phase seit",
    "sync.field.callDurationSeconds": "Anrufdauer", "sync.field.callDirection": "Richtung",
    "sync.field.callOutcome": "Ergebnis", "sync.field.reminders": "Erinnerungen",
    "sync.field.requiredFields": "Pflichtfelder", "sync.field.email": "E-Mail",
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

/// A field's name as the forms label it ("Close date", "Stage"), else its camelCase name
/// in words ("Lost reason").
func syncFieldLabel(_ entity: String, _ field: String, _ state: AppState) -> String {
  let formKeys: [String: String] = [
    "valueMinor": "form.value", "currency": "form.currency", "closeDate": "form.close",
    "priority": "form.priority", "firstName": "form.firstName", "lastName": "form.lastName",
    "emails": "form.email", "phones": "form.phone", "phone": "form.phone",
    "companyId": "form.company", "name": "form.name", "domain": "form.domain",
    "industry": "form.industry", "kind": "form.kind", "notes": "form.notes", "role": "form.role",
  ]
  if field == "title" {
    return state.text(entity == "contact" ? "form.jobTitle" : "form.title")
  }
  if let key = formKeys[field] { return state.text(key) }
  let key = "sync.field." + field
  let text = state.text(key)
  if text != key { return text }
  var words = ""
  for character in field {
    if character.isUppercase, !words.isEmpty {
      words += " " + character.lowercased()
    } else {
      words.append(character)
    }
  }
  return words.prefix(1).uppercased() + words.dropFirst()
}

/// Whether a field holds another record's id (by the schema's naming: `stageId`, `ownerId`).
func isIdField(_ field: String) -> Bool { field.count > 2 && field.hasSuffix("Id") }

/// The fields a boolean is stored in (0 or 1).
private let booleanFields: Set<String> = ["deleted", "emailOptOut", "allDay"]

/// A field's value as the sync screen shows it: ids by the name of what they name (a stage,
/// a user, a deal), money in the deal's currency as the board shows it, dates for the
/// locale, booleans as yes or no, text as is. `currency` is the record's, for `valueMinor`.
func fieldValueText(
  _ value: FieldValue, field: String = "", currency: Currency? = nil,
  names: [String: String] = [:], _ state: AppState
) -> String {
  switch value {
  case .null: return state.text("sync.empty")
  case .integer(let number):
    if booleanFields.contains(field), number == 0 || number == 1 {
      return state.text(number == 1 ? "sync.yes" : "sync.no")
    }
    if field == "valueMinor", let currency {
      return Money(minorUnits: number, currency: currency).formatted(locale: state.locale)
    }
    if field == "probability" { return "\(number)%" }
    return String(number)
  case .real(let real): return String(real)
  case .text(let text):
    if text.isEmpty { return state.text("sync.empty") }
    if isIdField(field) { return names[text] ?? shortId(text) }
    if let date = syncDateText(text, state) { return date }
    return text
  case .blob(let bytes): return state.text("sync.bytes", String(bytes.count))
  }
}

/// The first 8 characters of an id nothing here names, with an ellipsis.
func shortId(_ id: String) -> String { id.count > 9 ? String(id.prefix(8)) + "…" : id }

/// A stored date ("2026-03-31") or moment ("2026-03-31 14:05:00.000", UTC) as the locale
/// writes it (in the app's time zone); nil for other text.
func syncDateText(_ text: String, _ state: AppState) -> String? {
  let key = "\(state.locale.identifier)|\(state.timeZone.identifier)|\(text)"
  if let cached = syncDateCache.withLock({ $0[key] }) { return cached }
  let formatted = formatSyncDate(text, state)
  syncDateCache.withLock { cache in
    if cache.count > 4096 { cache.removeAll() }
    cache[key] = formatted
  }
  return formatted
}

/// Formatted dates by locale, zone and text: a DateFormatter per value per frame is slow.
private let syncDateCache = Mutex<[String: String?]>([:])

private func formatSyncDate(_ text: String, _ state: AppState) -> String? {
  let bytes = Array(text.utf8)
  guard bytes.count == 10 || (bytes.count >= 19 && bytes.count <= 23), bytes[4] == 0x2D,
    bytes[7] == 0x2D
  else { return nil }
  let formatter = DateFormatter()
  formatter.locale = Locale(identifier: "en_US_POSIX")
  formatter.timeZone = TimeZone(identifier: "UTC")
  if bytes.count == 10 {
    formatter.dateFormat = "yyyy-MM-dd"
    guard let date = formatter.date(from: text) else { return nil }
    formatter.locale = state.locale
    formatter.setLocalizedDateFormatFromTemplate("yMMMd")
    return formatter.string(from: date)
  }
  guard bytes[10] == 0x20 || bytes[10] == 0x54 else { return nil }
  formatter.dateFormat = bytes.count > 19 ? "yyyy-MM-dd HH:mm:ss.SSS" : "yyyy-MM-dd HH:mm:ss"
  guard let date = formatter.date(from: text.replacingOccurrences(of: "T", with: " ")) else {
    return nil
  }
  formatter.locale = state.locale
  formatter.timeZone = state.timeZone
  formatter.setLocalizedDateFormatFromTemplate("yMMMdjmm")
  return formatter.string(from: date)
}

/// The UUIDs (8-4-4-4-12 hex digits) in a text, in order.
func uuids(in text: String) -> [String] { uuidRanges(in: text).map { String(text[$0]) } }

private func uuidRanges(in text: String) -> [Range<String.Index>] {
  let scalars = Array(text.utf8)
  guard scalars.count >= 36 else { return [] }
  func isHex(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
  }
  var ranges: [Range<String.Index>] = []
  var start = 0
  while start + 36 <= scalars.count {
    let matches = (0..<36).allSatisfy { offset in
      let byte = scalars[start + offset]
      return [8, 13, 18, 23].contains(offset) ? byte == 0x2D : isHex(byte)
    }
    let bounded =
      (start == 0 || !isHex(scalars[start - 1]))
      && (start + 36 == scalars.count || !isHex(scalars[start + 36]))
    if matches && bounded {
      let utf8 = text.utf8
      let lower = utf8.index(utf8.startIndex, offsetBy: start)
      ranges.append(lower..<utf8.index(lower, offsetBy: 36))
      start += 36
    } else {
      start += 1
    }
  }
  return ranges
}

/// A label or reason with each id it holds replaced by the name of what it names ("move
/// deal 0190…" becomes "move deal Acme renewal"); ids nothing names are shortened.
func readableText(_ text: String, names: [String: String]) -> String {
  var result = ""
  var last = text.startIndex
  for range in uuidRanges(in: text) {
    result += text[last..<range.lowerBound]
    let id = String(text[range])
    result += names[id] ?? shortId(id)
    last = range.upperBound
  }
  return result + text[last...]
}

/// Fields every write stamps, not what the user changed: left out of "tried: …".
private let bookkeepingFields: Set<String> = [
  "createdAt", "updatedAt", "position", "stageChangedAt", "id",
]

/// "Stage: Won · Value: €1,200.00": what a refused change tried to write, field by field,
/// with a move's stage change left to the deal's own stage field.
func refusedChangesText(_ refusal: SyncRefusal, _ data: SyncScreenData, _ state: AppState)
  -> String
{
  let movesADeal = refusal.changes.contains { $0.entity == "deal" && $0.field == "stageId" }
  var currencies = data.currencies
  for change in refusal.changes where change.field == "currency" {
    if case .text(let code) = change.value, let currency = Currency(code: code) {
      currencies[change.id] = currency
    }
  }
  var parts: [String] = []
  for change in refusal.changes {
    if bookkeepingFields.contains(change.field) { continue }
    if change.field == "deleted", change.value == .integer(0) { continue }
    if movesADeal, change.entity == "stageChange" { continue }
    let value = fieldValueText(
      change.value, field: change.field, currency: currencies[change.id], names: data.names,
      state)
    parts.append(syncFieldLabel(change.entity, change.field, state) + ": " + value)
  }
  return parts.joined(separator: " · ")
}
