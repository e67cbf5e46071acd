import Foundation
import Model
import Store
import Terminal

/// Everything that can happen to the app: input, time, and the results of effects.
public enum Msg: Sendable {
  case key(Key)
  case mouse(MouseEvent)
  case resize(Size)
  case tick(Date)
  /// A board arrived; focus the deal with `focusDealId` if it is on it.
  case boardLoaded(Board?, pipelines: [Pipeline], focusDealId: String?, status: StatusMessage?)
  /// A board whose cards were read only for `stageIds`: the other columns keep their cards
  /// and take the new counts and totals.
  case columnsLoaded(Board, stageIds: Set<String>, focusDealId: String?, status: StatusMessage?)
  case detailLoaded(DealDetail)
  /// More cards of one stage, from `offset` on, for scrolling past what the board loaded.
  case cardsLoaded(stageId: String, offset: Int, cards: [DealCard])
  /// A note was saved; the detail as it is now.
  case noteAdded(DealDetail)
  /// `$EDITOR` gave the terminal back.
  case editorFinished(dealId: String, EditorOutcome)
  /// The pipelines screen's data; `changed` when a write went through, so the board reloads.
  case settingsLoaded(PipelineSettings, status: StatusMessage?, changed: Bool)
  /// A page of a contacts or companies list, and how many rows the whole list has.
  case listLoaded(ListQuery, ListRows, total: ListCount)
  /// A contact's or company's detail arrived (to open, or to refresh the open one).
  case recordDetailLoaded(RecordDetail)
  /// A note was saved from a record's detail; the detail as it is now.
  case recordNoteAdded(RecordDetail)
  /// A contact or company was written: reload its list, selecting `focusId`.
  case recordChanged(ListKind, focusId: String?, status: StatusMessage)
  /// Which of a page's contacts have possible duplicates.
  case duplicateMarksLoaded(ids: [String], marked: Set<String>)
  /// The duplicates of the contact `name`, for the merge screen (empty: none).
  case mergeLoaded(name: String, [DuplicatePair], names: [String: String])
  /// The import's dry run for the file at `path`.
  case importChecked(path: String, ImportCheck)
  /// The import was written.
  case importFinished(ImportReport)
  /// A record's detail after a write from it (`status` set) or a reload (`status` nil),
  /// with the contact's roles on its deals; `dealsChanged` when the board needs a reload.
  case recordUpdated(
    RecordDetail, roles: [String: String], status: StatusMessage?, dealsChanged: Bool)
  /// The record of the open detail is gone: deleted from it, or its creation undone.
  case recordGone(RecordRef, status: StatusMessage?)
  /// The deals the link picker's query `generation` matched.
  case dealChoicesLoaded(generation: Int, [DealSummary])
  /// The contacts the company detail's picker query `generation` matched.
  case contactChoicesLoaded(generation: Int, [ContactRow])
  /// The duplicates of the company `name`, for the merge screen (empty: none).
  case companyMergeLoaded(name: String, [CompanyDuplicatePair], names: [String: String])
  /// The calendar's read: day summaries for the month, activities for the week and agenda.
  case calendarLoaded(CalendarQuery, [Day: DaySummary], [ActivityRow])
  case activitiesLoaded(ActivityListQuery, ActivityPage)
  /// An activity was written from view 4 or 5: both read again.
  case activityWritten(StatusMessage)
  case assigneesLoaded(activityId: String, [User])
  /// The runtime's reminder clock (every few seconds), and the reminders that went off.
  case reminderTick(Date)
  case remindersDue([ShownReminder], checkedUntil: Date)
  /// A snooze or dismissal was kept.
  case reminderMarked
  /// A call was logged from a detail (`c`): the detail as it is now.
  case callLogged(CallLogged, status: StatusMessage)
  /// View 6's figures, for the query `generation` of `ReportsQuery`.
  case reportsLoaded(ReportsQuery, Dashboard)
  /// The report builder's run (and save) of a definition.
  case reportBuilt(ReportBuildRequest, ReportBuilt)
  case sync(SyncMsg)
  case failed(String)
  case hangup
}

/// Work for the runtime: store reads and writes run off the UI and come back as a `Msg`.
public enum Effect: Sendable, Equatable {
  case loadBoard(pipelineId: String?, focusDealId: String?)
  case loadMoreCards(stageId: String, offset: Int)
  case moveDeals([String], toStageId: String, lostReason: String?)
  case stepDeals([String], by: Int)
  case reorderDeal(String, by: Int)
  case deleteDeals([String])
  case createDeal(DealDraft)
  case editDeal(String, DealChanges)
  case loadDetail(String)
  case createNote(dealId: String, body: String)
  /// Lends the terminal to `$EDITOR` for a note; runs in the UI loop, not off it.
  case editNoteExternally(dealId: String)
  case loadSettings(pipelineId: String?, focusStageId: String?)
  /// A change from the pipelines screen; `pipelineId` is the one it shows, to reload.
  case changeSettings(SettingsChange, pipelineId: String?)
  /// A page of a record list.
  case loadList(ListQuery)
  case loadRecord(RecordRef)
  case createRecordNote(RecordRef, body: String)
  /// Creates (`editing` nil) or edits a contact from its form.
  case saveContact(ContactFields, editing: String?)
  case saveCompany(CompanyFields, editing: String?)
  case deleteRecord(RecordRef, name: String)
  case loadDuplicateMarks([String])
  case loadMerge(contactId: String, name: String)
  /// Merges `remove` into `keep` (named `name`) with the fields `choice` picks.
  case mergeContacts(keep: String, remove: String, choice: MergeChoice, name: String)
  /// The import's dry run, then the import itself, of the file at `path`.
  case checkImport(path: String)
  case runImport(path: String)
  /// A write from a contact's or company's detail; answered with the detail as it is now.
  case writeInDetail(RecordRef, DetailWrite)
  /// The open detail again, after an undo or redo.
  case refreshRecord(RecordRef)
  /// Deals for the link picker, as the query is typed.
  case searchDeals(String, generation: Int)
  /// Contacts for a company detail's picker, as the query is typed.
  case searchContacts(String, generation: Int)
  case loadCompanyDuplicateMarks([String])
  case loadCompanyMerge(companyId: String, name: String)
  case mergeCompanies(keep: String, remove: String, choice: CompanyMergeChoice, name: String)
  case loadCalendar(CalendarQuery)
  case loadActivities(ActivityListQuery)
  case writeActivity(ActivityWrite)
  case loadAssignees(activityId: String)
  /// The reminders that go off in [from, to).
  case checkReminders(from: Date, to: Date, zone: TimeZone)
  /// Saves a call logged with `c` as one done call activity.
  case logCall(CallDraft)
  /// Done or a new time for one occurrence of a recurring activity.
  case writeOccurrence(OccurrenceWrite)
  /// Keeps a reminder's snooze or dismissal.
  case markReminder(ReminderMark)
  /// View 6's dashboards, read together.
  case loadReports(ReportsQuery)
  /// The report builder's definition, run (and saved first when asked).
  case buildReport(ReportBuildRequest)
  case sync(SyncEffect)
  case undo
  case redo
  case bell
  case quit
}

extension DealDraft: Equatable {
  public static func == (a: DealDraft, b: DealDraft) -> Bool {
    a.title == b.title && a.value == b.value && a.pipeline == b.pipeline && a.stage == b.stage
      && a.closeDate == b.closeDate && a.priority == b.priority && a.company == b.company
      && a.contacts == b.contacts
  }
}

extension DealChanges: Equatable {
  public static func == (a: DealChanges, b: DealChanges) -> Bool {
    a.title == b.title && a.value == b.value && a.closeDate == b.closeDate
      && a.priority == b.priority
  }
}
