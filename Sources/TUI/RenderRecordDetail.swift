import Foundation
import Model
import Store
import Terminal

/// A contact's or company's detail: a modal of fields, linked records and the timeline,
/// scrolled when longer than the screen, with the note editor and key hints at the bottom.
func renderRecordDetail(
  _ detail: RecordDetailState, _ state: AppState, into buffer: inout ScreenBuffer
) {
  let layout = RecordDetailLayout(detail, state)
  var isCompany = false
  if case .company = detail.detail { isCompany = true }
  ScrollingDetail(
    modal: layout.modal, lines: layout.lines, bodyRows: layout.bodyRows,
    editorRows: layout.editorRows, maxScroll: layout.maxScroll, scroll: detail.scroll,
    note: detail.note, saving: detail.saving, hintKey: "detail.recordHint",
    secondHintKey: isCompany ? "detail.companyHint2" : "detail.recordHint2"
  ).render(state, into: &buffer)
  if let popup = detail.popup { renderDetailPopup(popup, detail, state, into: &buffer) }
}

/// Whether a detail marks an activity overdue (⚑ in the overdue colour): one that happens
/// once by Model's `Overdue` rules in the user's zone, a series when one of its occurrences
/// of the last 14 days was missed. The deal's and the record's details both ask this.
func isOverdueOnScreen(_ activity: Activity, _ state: AppState) -> Bool {
  activity.isOverdueOccurring(now: state.now, zone: state.timeZone)
}
