import Terminal

/// The board's keys view 6 also takes, listed in its help with what they do there: h/l go
/// from tab to tab, j/k walk the builder's lines (the Saved tab's reports), Enter and e
/// change a line, n adds, d takes away, p picks the dashboards' pipeline.
let reportsBoardActions: Set<Action> = [
  .left, .right, .up, .down, .top, .bottom, .open, .edit, .new, .delete, .switchPipeline,
]

/// What a board action is called in view 6's help and palette (nil: its usual name).
func reportsActionLabel(_ action: Action, _ state: AppState) -> String? {
  guard state.view == .reports, reportsBoardActions.contains(action) else { return nil }
  return state.text("reports.action.\(action.rawValue)")
}

extension Catalog {
  static let englishReportKeys: [String: String] = [
    "reports.action.left": "Previous tab", "reports.action.right": "Next tab",
    "reports.action.up": "Previous line (builder), previous saved report",
    "reports.action.down": "Next line (builder), next saved report",
    "reports.action.top": "First line (builder)", "reports.action.bottom": "Last line (builder)",
    "reports.action.open": "Change the line (builder), open in the builder (Saved)",
    "reports.action.edit": "Change the line (builder), open in the builder (Saved)",
    "reports.action.new": "Add a filter or measure (builder)",
    "reports.action.delete": "Take the line away (builder)",
    "reports.action.switchPipeline": "Pipeline of the dashboards",
  ]

  static let germanReportKeys: [String: String] = [
    "reports.action.left": "Vorheriger Reiter", "reports.action.right": "Nächster Reiter",
    "reports.action.up": "Vorherige Zeile (Erstellen), vorheriger gespeicherter Bericht",
    "reports.action.down": "Nächste Zeile (Erstellen), nächster gespeicherter Bericht",
    "reports.action.top": "Erste Zeile (Erstellen)",
    "reports.action.bottom": "Letzte Zeile (Erstellen)",
    "reports.action.open": "Zeile ändern (Erstellen), im Editor öffnen (Gespeichert)",
    "reports.action.edit": "Zeile ändern (Erstellen), im Editor öffnen (Gespeichert)",
    "reports.action.new": "Filter oder Kennzahl hinzufügen (Erstellen)",
    "reports.action.delete": "Zeile entfernen (Erstellen)",
    "reports.action.switchPipeline": "Pipeline der Auswertungen",
  ]
}
