import Foundation
import Model
import Store
import Terminal

/// The two record lists (views 2 and 3): which one, the rows loaded so far, the sort, the
/// search typed with `/`, and what a load asks of the store.
public enum ListKind: String, Sendable, Hashable {
  case contacts, companies
}

/// A contact or a company, as an effect names it.
public enum RecordRef: Sendable, Hashable {
  case contact(String)
  case company(String)

  var id: String {
    switch self {
    case .contact(let id), .company(let id): return id
    }
  }
}

/// What one page of a list asks the store for. `generation` tells a stale answer (to a
/// keystroke since overtaken) from the current one.
public struct ListQuery: Sendable, Hashable {
  public var kind: ListKind
  public var sort: Int
  public var ascending: Bool
  public var search: String
  public var offset: Int
  public var limit: Int
  public var generation: Int
  /// A record to select when the page arrives (after a create or an edit).
  public var focusId: String?
}

/// The rows of a list, a page answer.
public enum ListRows: Sendable {
  case contacts([ContactRow])
  case companies([CompanyRow])

  var count: Int {
    switch self {
    case .contacts(let rows): return rows.count
    case .companies(let rows): return rows.count
    }
  }
}

/// One list view's state: rows loaded (a prefix of the whole sorted list), the total,
/// the selection, the sort column and order, and the search.
public struct RecordListState: Sendable {
  public var kind: ListKind
  public var contacts: [ContactRow] = []
  public var companies: [CompanyRow] = []
  public var total = 0
  /// The list has `total` records or more (a search counted only so far).
  public var totalAtLeast = false
  public var list = ListState()
  /// Index into the kind's sort columns.
  public var sort = 0
  public var ascending = true
  /// The search the rows answer; typed with `/`.
  public var search = ""
  /// The search input, while `/` has it open.
  public var searchInput: TextInputState?
  public var generation = 0
  public var loaded = false
  public var loadingMore = false

  public init(kind: ListKind) { self.kind = kind }

  public var count: Int { kind == .contacts ? contacts.count : companies.count }

  /// The selected record, if the list has any.
  public var selectedRef: RecordRef? {
    switch kind {
    case .contacts:
      return contacts.indices.contains(list.selected)
        ? .contact(contacts[list.selected].contact.id) : nil
    case .companies:
      return companies.indices.contains(list.selected)
        ? .company(companies[list.selected].company.id) : nil
    }
  }

  /// What the list calls the selected record (for the delete question).
  public var selectedName: String {
    switch kind {
    case .contacts:
      return contacts.indices.contains(list.selected)
        ? contacts[list.selected].contact.fullName : ""
    case .companies:
      return companies.indices.contains(list.selected)
        ? companies[list.selected].company.name : ""
    }
  }

  var sortCount: Int {
    kind == .contacts ? ContactSort.allCases.count : CompanySort.allCases.count
  }

  /// A query for rows from `offset`, `limit` of them.
  func query(offset: Int, limit: Int, focusId: String? = nil) -> ListQuery {
    ListQuery(
      kind: kind, sort: sort, ascending: ascending, search: search, offset: offset, limit: limit,
      generation: generation, focusId: focusId)
  }
}

extension AppState {
  /// The list of the view on screen, nil on the other views.
  var listKind: ListKind? {
    switch view {
    case .contacts: return .contacts
    case .companies: return .companies
    default: return nil
    }
  }

  /// Rows of a list on screen at once: the body less the header row.
  var listRows: Int { max(1, size.height - 3) }

  /// Rows a list asks for at a time: about two screens.
  var listPage: Int { max(20, 2 * listRows + 2) }
}
