import Foundation
import Model
import Store
import Terminal

/// The numbered views of the app.
public enum View: Int, CaseIterable, Sendable {
  case board = 1
  case contacts, companies, calendar, activities, reports

  var titleKey: String {
    switch self {
    case .board: return "view.board"
    case .contacts: return "view.contacts"
    case .companies: return "view.companies"
    case .calendar: return "view.calendar"
    case .activities: return "view.activities"
    case .reports: return "view.reports"
    }
  }
}

/// A popup over the current view. At most one is open; Esc closes it.
public enum Overlay: Sendable {
  case help
  case palette(PickerState)
  case stagePicker(PickerState, dealIds: [String])
  case pipelinePicker(PickerState)
  case lostReason(PickerState, dealIds: [String], stageId: String)
  case confirmDelete(ConfirmState, dealIds: [String], title: String)
  case dealForm(FormState, editing: String?)
  case filter(TextInputState)
  case detail(DetailState)
  /// The pipelines and stages screen, over the board.
  case pipelines(PipelinesState)
  /// A contact's or company's detail, over its list.
  case recordDetail(RecordDetailState)
  /// The new/edit form of a contact or company.
  case recordForm(FormState, RecordForm)
  case confirmRecordDelete(ConfirmState, RecordRef, title: String)
  /// A contact and its possible duplicates side by side, to merge.
  case merge(MergeState)
  /// The contacts import: a path, the dry run, the import.
  case importContacts(ImportDialogState)
  /// A company and its possible duplicates side by side, to merge.
  case companyMerge(CompanyMergeState)
  /// Refused changes and conflicts of sync (`Y`).
  case sync(SyncScreenState)
}

/// Where the focus is on the board: a column and a card in it.
public struct BoardFocus: Hashable, Sendable {
  public var column = 0
  public var card = 0
}

/// Where a mouse drag started: the card and its column.
public struct DragStart: Hashable, Sendable {
  public var dealId: String
  public var column: Int
}

/// A message for the status bar, and whether it reports a failure.
public struct StatusMessage: Hashable, Sendable {
  public var text: String
  public var isError: Bool
}

/// The whole state of the app as a value: `update` changes it, `render` draws it.
public struct AppState: Sendable {
  public var size: Size
  public var view: View = .board
  public var board: Board?
  public var pipelines: [Pipeline] = []
  public var focus = BoardFocus()
  /// First column shown when the stages do not all fit.
  public var firstColumn = 0
  /// First card shown per column (by stage id).
  public var cardOffsets: [String: Int] = [:]
  public var overlay: Overlay?
  public var status: StatusMessage?
  public var filter = ""
  /// Cards chosen with Space / v, moved together.
  public var selected: Set<String> = []
  /// With `v`, moving the focus selects the cards it passes.
  public var selecting = false
  /// First line of the help overlay shown, when it is longer than the screen.
  public var helpScroll = 0
  public var dragFrom: DragStart?
  public var databaseName: String
  public var loading = true
  public var keys: KeyTable
  public var catalog: Catalog
  public var locale: Locale
  public var now: Date
  public var quitting = false
  /// Bumped on Ctrl-L so the runtime repaints everything.
  public var redrawGeneration = 0
  /// Cards per column asked of the store: enough to scroll a while without a reload.
  public var cardsPerStage: Int {
    // About two screens of cards per column, and at least what any column shows now, so a
    // reload after a move keeps the rep's place however far down they scrolled.
    let screens = 2 * BoardLayout(state: self).cardsPerColumn + 2
    let loaded = board?.columns.map(\.cards.count).max() ?? 0
    return min(1000, max(screens, loaded))
  }
  /// Columns whose next page of cards is on its way.
  public var loadingMore: Set<String> = []
  /// Views 2 and 3.
  public var contacts = RecordListState(kind: .contacts)
  public var companies = RecordListState(kind: .companies)
  /// Contacts of the loaded pages that have possible duplicates (marked in the list).
  public var duplicateMarks: Set<String> = []
  /// The zone dates typed in forms are read in (`today 14:00`).
  public var timeZone: TimeZone = .current
  /// View 4, view 5 and the reminders that went off while the app runs.
  public var calendar = CalendarState()
  public var activityList = ActivityListState()
  public var reminders = ReminderState()
  /// View 6, the dashboards.
  public var reports = ReportsState()
  /// The call being logged (`c` in a deal's or contact's detail), drawn over everything.
  public var call: CallLogState?
  /// Background sync; nil when the database has no sync account (nothing of sync shows).
  public var sync: SyncState?

  public init(
    size: Size, databaseName: String, keys: KeyTable = KeyTable(),
    catalog: Catalog = Catalog(language: "en"), locale: Locale = Locale(identifier: "en_US"),
    now: Date = Date()
  ) {
    self.size = size
    self.databaseName = databaseName
    self.keys = keys
    self.catalog = catalog
    self.locale = locale
    self.now = now
  }

  /// The focused column, if the board has any.
  public var focusedColumn: BoardColumn? {
    guard let board, board.columns.indices.contains(focus.column) else { return nil }
    return board.columns[focus.column]
  }

  /// The focused card, if its column has any.
  public var focusedCard: DealCard? {
    guard let column = focusedColumn, column.cards.indices.contains(focus.card) else {
      return nil
    }
    return column.cards[focus.card]
  }

  /// The deals an action applies to: the selection, else the focused card.
  public var targetDealIds: [String] {
    if !selected.isEmpty, let board {
      // In board order, so a group move keeps the cards' order.
      return board.columns.flatMap(\.cards).map(\.deal.id).filter(selected.contains)
    }
    return focusedCard.map { [$0.deal.id] } ?? []
  }

  func text(_ key: String, _ args: String...) -> String {
    var result = catalog.text(key)
    for (index, arg) in args.enumerated() {
      result = result.replacingOccurrences(of: "{\(index)}", with: arg)
    }
    return result
  }
}
