/// The strings of a contact's or company's detail beyond the list's: its key hints, the
/// activity and deal forms, the deal picker and the link questions, and the company merge
/// screen, per language.
extension Catalog {
  static let englishDetail: [String: String] = [
    "detail.recordHint2": "e edit · d delete · L link deal · x unlink · c call · u undo",
    "detail.recordHint2.short": "e edit · d delete · L/x deal link",
    "detail.companyHint2": "e edit · d delete · L deal · C contact · x unlink · c call · u undo",
    "detail.companyHint2.short": "e edit · d delete · L deal · C contact",
    "picker.linkContact": "Link a contact to {0}", "picker.noContacts": "(no contacts match)",
    "form.kind": "Kind", "form.when": "Due / start", "form.notes": "Notes", "form.role": "Role",
    "form.error.when": "\"{0}\" is not a date or time (2026-12-24 14:00, today 14:00, +3d)",
    "form.newActivity": "New activity for {0}", "form.newDealFor": "New deal for {0}",
    "form.linkRole": "Role on {0}",
    "confirm.unlinkTitle": "Unlink", "confirm.unlink": "Unlink {0} from {1}?",
    "picker.linkDeal": "Link {0} to a deal", "picker.noDeals": "(no deals match)",
    "picker.linkHint": "type to search · ↑/↓ choose · Enter link · Esc cancel",
    "picker.linkHint.short": "↑/↓ · Enter link · Esc",
    "status.activityAdded": "Added {0} to {1}",
    "status.linked": "Linked {0} to {1}", "status.unlinked": "Unlinked {0} from {1}",
    "merge.companyTitle": "Merge duplicate companies",
    "merge.company.name": "Name", "merge.company.domain": "Domain",
    "merge.company.phone": "Phone", "merge.company.industry": "Industry",
    "merge.company.address": "Address", "merge.company.owner": "Owner",
  ]

  static let germanDetail: [String: String] = [
    "detail.recordHint2": "e ändern · d löschen · L Deal · x lösen · c Anruf · u rückgängig",
    "detail.recordHint2.short": "e ändern · d löschen · L/x Deal",
    "detail.companyHint2": "e ändern · d löschen · L Deal · C Kontakt · x lösen · c Anruf",
    "detail.companyHint2.short": "e ändern · d löschen · L Deal · C Kontakt",
    "picker.linkContact": "Kontakt mit {0} verknüpfen", "picker.noContacts": "(kein Kontakt passt)",
    "form.kind": "Art", "form.when": "Fällig / Beginn", "form.notes": "Notizen",
    "form.role": "Rolle",
    "form.error.when":
      "„{0}“ ist kein Datum und keine Uhrzeit (2026-12-24 14:00, today 14:00, +3d)",
    "form.newActivity": "Neue Aktivität für {0}", "form.newDealFor": "Neuer Deal für {0}",
    "form.linkRole": "Rolle bei {0}",
    "confirm.unlinkTitle": "Lösen", "confirm.unlink": "{0} von {1} lösen?",
    "picker.linkDeal": "{0} mit einem Deal verknüpfen", "picker.noDeals": "(kein Deal passt)",
    "picker.linkHint": "tippen sucht · ↑/↓ wählen · Enter verknüpfen · Esc abbrechen",
    "picker.linkHint.short": "↑/↓ · Enter verknüpfen · Esc",
    "status.activityAdded": "{0} zu {1} hinzugefügt",
    "status.linked": "{0} mit {1} verknüpft", "status.unlinked": "{0} von {1} gelöst",
    "merge.companyTitle": "Firmen-Dubletten zusammenführen",
    "merge.company.name": "Name", "merge.company.domain": "Domain",
    "merge.company.phone": "Telefon", "merge.company.industry": "Branche",
    "merge.company.address": "Adresse", "merge.company.owner": "Zuständig",
  ]
}
