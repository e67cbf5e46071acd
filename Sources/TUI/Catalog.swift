import Foundation

/// Every string the TUI shows, in English and German, chosen by `LANG` / `LC_MESSAGES` /
/// `LC_ALL` or the config. A missing translation falls back to English, so a new string can
/// never show as a key.
public struct Catalog: Sendable {
  public let language: String
  private let table: [String: String]

  public init(language: String) {
    let code = String(language.prefix(2)).lowercased()
    self.language = Catalog.translations[code] == nil ? "en" : code
    self.table = Catalog.translations[self.language] ?? [:]
  }

  /// The language the environment asks for: LC_ALL, then LC_MESSAGES, then LANG.
  public static func fromEnvironment(_ env: [String: String], override: String? = nil) -> Catalog {
    if let override, !override.isEmpty { return Catalog(language: override) }
    for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      if let value = env[key], !value.isEmpty, value != "C", value != "POSIX",
        !value.hasPrefix("C.")
      {
        return Catalog(language: value)
      }
    }
    return Catalog(language: "en")
  }

  /// The text for `key`, with `{0}`, `{1}` ... replaced by `args`.
  public func text(_ key: String, _ args: String...) -> String {
    var result = table[key] ?? Catalog.translations["en"]?[key] ?? key
    for (index, arg) in args.enumerated() {
      result = result.replacingOccurrences(of: "{\(index)}", with: arg)
    }
    return result
  }

  static let translations: [String: [String: String]] = [
    "en": english.merging(englishActions) { a, _ in a }.merging(englishScreens) { a, _ in a }
      .merging(englishLists) { a, _ in a }.merging(englishMerge) { a, _ in a }
      .merging(englishDetail) { a, _ in a }.merging(englishCalendar) { a, _ in a }
      .merging(englishCall) { a, _ in a }.merging(englishReports) { a, _ in a }
      .merging(englishSync) { a, _ in a },
    "de": german.merging(germanActions) { a, _ in a }.merging(germanScreens) { a, _ in a }
      .merging(germanLists) { a, _ in a }.merging(germanMerge) { a, _ in a }
      .merging(germanDetail) { a, _ in a }.merging(germanCalendar) { a, _ in a }
      .merging(germanCall) { a, _ in a }.merging(germanReports) { a, _ in a }
      .merging(germanSync) { a, _ in a },
  ]

  public static var keys: [String] { Array(translations["en"]!.keys) }

  static let english: [String: String] = [
    "view.board": "Board", "view.contacts": "Contacts", "view.companies": "Companies",
    "view.calendar": "Calendar", "view.activities": "Activities", "view.reports": "Reports",
    "view.placeholder": "{0} are not built yet. Press 1 for the board.",
    "board.empty": "No deals yet. Press n to add one, or run `crm init --demo` for sample data.",
    "board.emptyStage": "(no deals)",
    "board.more": "+{0} more",
    "board.deal": "{0} deal",
    "board.deals": "{0} deals",
    "board.weighted": "weighted {0}",
    "board.column": "{0} of {1}",
    "board.filter": "filter: {0}",
    "board.selected": "{0} selected",
    "small.title": "Terminal too small",
    "small.body": "Needs at least {0}x{1}, is {2}x{3}.",
    "small.compact": "{2}x{3}<{0}x{1}",
    "status.loading": "Loading…",
    "status.moved": "Moved to {0}",
    "status.reordered": "Reordered",
    "status.deleted": "Deleted {0}",
    "status.created": "Added {0}",
    "status.saved": "Saved {0}",
    "status.undone": "Undid: {0}",
    "status.redone": "Redid: {0}",
    "status.error": "Error: {0}",
    "status.conflicts": "Key conflicts in config: {0}",
    "help.title": "Keys",
    "help.footer": "Esc closes",
    "help.footerScroll": "j/k scroll · Esc closes",
    "palette.title": "Command",
    "picker.stage": "Move to stage",
    "picker.pipeline": "Switch pipeline",
    "picker.lostReason": "Why was it lost?",
    "confirm.delete": "Delete \"{0}\"?",
    "confirm.yes": "Yes", "confirm.no": "No",
    "form.newDeal": "New deal", "form.editDeal": "Edit deal",
    "form.title": "Title", "form.value": "Value", "form.currency": "Currency",
    "form.close": "Close date", "form.priority": "Priority",
    "form.hint": "Tab next field · Enter save · Esc cancel",
    "form.error.empty": "must not be empty",
    "form.error.currency": "\"{0}\" is not an ISO 4217 code",
    "form.error.negative": "must not be negative",
    "form.error.amount": "\"{0}\" is not an amount",
    "form.error.decimals": "\"{0}\" has more than {1} decimal places",
    "form.error.date": "\"{0}\" is not a date (YYYY-MM-DD)",
    "filter.prompt": "Filter: ",
    "detail.title": "Deal",
    "detail.value": "Value", "detail.stage": "Stage", "detail.owner": "Owner",
    "detail.company": "Company", "detail.close": "Close", "detail.priority": "Priority",
    "detail.contacts": "Contacts", "detail.history": "Stage history", "detail.notes": "Notes",
    "detail.activities": "Activities", "detail.lostReason": "Lost reason",
    "mark.overdue": "overdue", "mark.rotting": "rotting",
    "lost.price": "Price too high", "lost.competitor": "Chose a competitor",
    "lost.budget": "No budget", "lost.timing": "Bad timing", "lost.noResponse": "No response",
    "lost.other": "Other",
  ]

  static let german: [String: String] = [
    "view.board": "Board", "view.contacts": "Kontakte", "view.companies": "Firmen",
    "view.calendar": "Kalender", "view.activities": "Aktivitäten", "view.reports": "Berichte",
    "view.placeholder": "{0} gibt es noch nicht. 1 zeigt das Board.",
    "board.empty": "Noch keine Deals. n legt einen an, `crm init --demo` lädt Beispieldaten.",
    "board.emptyStage": "(keine Deals)",
    "board.more": "+{0} weitere",
    "board.deal": "{0} Deal",
    "board.deals": "{0} Deals",
    "board.weighted": "gewichtet {0}",
    "board.column": "{0} von {1}",
    "board.filter": "Filter: {0}",
    "board.selected": "{0} ausgewählt",
    "small.title": "Terminal zu klein",
    "small.body": "Mindestens {0}x{1} nötig, jetzt {2}x{3}.",
    "small.compact": "{2}x{3}<{0}x{1}",
    "status.loading": "Lädt…",
    "status.moved": "Verschoben nach {0}",
    "status.reordered": "Umsortiert",
    "status.deleted": "Gelöscht: {0}",
    "status.created": "Angelegt: {0}",
    "status.saved": "Gespeichert: {0}",
    "status.undone": "Rückgängig: {0}",
    "status.redone": "Wiederholt: {0}",
    "status.error": "Fehler: {0}",
    "status.conflicts": "Tastenkonflikte in der Konfiguration: {0}",
    "help.title": "Tasten",
    "help.footer": "Esc schließt",
    "help.footerScroll": "j/k blättern · Esc schließt",
    "palette.title": "Befehl",
    "picker.stage": "In Phase verschieben",
    "picker.pipeline": "Pipeline wechseln",
    "picker.lostReason": "Warum verloren?",
    "confirm.delete": "„{0}“ löschen?",
    "confirm.yes": "Ja", "confirm.no": "Nein",
    "form.newDeal": "Neuer Deal", "form.editDeal": "Deal bearbeiten",
    "form.title": "Titel", "form.value": "Wert", "form.currency": "Währung",
    "form.close": "Abschluss", "form.priority": "Priorität",
    "form.hint": "Tab nächstes Feld · Enter speichern · Esc abbrechen",
    "form.error.empty": "darf nicht leer sein",
    "form.error.currency": "„{0}“ ist kein ISO-4217-Code",
    "form.error.negative": "darf nicht negativ sein",
    "form.error.amount": "„{0}“ ist kein Betrag",
    "form.error.decimals": "„{0}“ hat mehr als {1} Nachkommastellen",
    "form.error.date": "„{0}“ ist kein Datum (JJJJ-MM-TT)",
    "filter.prompt": "Filter: ",
    "detail.title": "Deal",
    "detail.value": "Wert", "detail.stage": "Phase", "detail.owner": "Verantwortlich",
    "detail.company": "Firma", "detail.close": "Abschluss", "detail.priority": "Priorität",
    "detail.contacts": "Kontakte", "detail.history": "Phasenverlauf", "detail.notes": "Notizen",
    "detail.activities": "Aktivitäten", "detail.lostReason": "Verlustgrund",
    "mark.overdue": "überfällig", "mark.rotting": "verrottet",
    "lost.price": "Preis zu hoch", "lost.competitor": "Wettbewerber gewählt",
    "lost.budget": "Kein Budget", "lost.timing": "Falscher Zeitpunkt",
    "lost.noResponse": "Keine Antwort", "lost.other": "Sonstiges",
  ]
}
