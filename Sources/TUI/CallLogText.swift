/// The strings of the call log (`c` in a deal's, contact's or company's detail), in English
/// and German.
extension Catalog {
  static let englishCall: [String: String] = [
    "call.panel": "Call",
    "call.with": "Call with {0} · {1}",
    "call.direction.outbound": "Outbound",
    "call.direction.inbound": "Inbound",
    "call.hint.running": "i/o direction · Enter stop · Esc discard",
    "call.discard": "Discard this call? (y/n)",
    "call.hint.discard": "y discard · n keep going",
    "call.outcome.connected": "Connected",
    "call.outcome.voicemail": "Voicemail",
    "call.outcome.no-answer": "No answer",
    "call.outcome.busy": "Busy",
    "call.outcome.wrong-number": "Wrong number",
    "call.title": "Title:",
    "call.notes": "Notes:",
    "call.hint.outcome": "c/v/n/b/w, j/k · Tab title, notes · Enter save · Esc back",
    "call.defaultTitle": "Call with {0}",
    "call.discarded": "Call discarded",
    "call.logged": "Logged {0} ({1}, {2})",
  ]

  static let germanCall: [String: String] = [
    "call.panel": "Anruf",
    "call.with": "Anruf mit {0} · {1}",
    "call.direction.outbound": "Ausgehend",
    "call.direction.inbound": "Eingehend",
    "call.hint.running": "i/o Richtung · Enter beenden · Esc verwerfen",
    "call.discard": "Diesen Anruf verwerfen? (j/n)",
    "call.hint.discard": "j verwerfen · n weiter",
    "call.outcome.connected": "Erreicht",
    "call.outcome.voicemail": "Mailbox",
    "call.outcome.no-answer": "Keine Antwort",
    "call.outcome.busy": "Besetzt",
    "call.outcome.wrong-number": "Falsche Nummer",
    "call.title": "Titel:",
    "call.notes": "Notiz:",
    "call.hint.outcome": "c/v/n/b/w, j/k · Tab Titel, Notiz · Enter speichern · Esc zurück",
    "call.defaultTitle": "Anruf mit {0}",
    "call.discarded": "Anruf verworfen",
    "call.logged": "{0} gespeichert ({1}, {2})",
  ]
}
