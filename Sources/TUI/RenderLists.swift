import Foundation
import Model
import Store
import Terminal

/// The contacts and companies views: a table filling the screen between the top bar and
/// the status bar, the sort column's header marked ▲ / ▼. Below 80 columns only the name
/// and one more column are kept: the sort column, or the company (contacts) / contact count.
func renderList(_ kind: ListKind, _ state: AppState, area: Rect, into buffer: inout ScreenBuffer) {
  let list = state[list: kind]
  let columns = listColumns(kind, state)
  let shown = visibleColumns(kind, list: list, width: area.width)
  let rows: [[String]]
  switch kind {
  case .contacts: rows = list.contacts.map { contactCells($0, state) }
  case .companies: rows = list.companies.map { companyCells($0, state) }
  }
  let arrow = list.ascending ? " ▲" : " ▼"
  let tableColumns = shown.map { index in
    var column = columns[index]
    if index == list.sort { column.title += arrow }
    return column
  }
  let table = Table(
    columns: tableColumns, rows: rows.map { row in shown.map { row[$0] } }, state: list.list,
    focused: list.searchInput == nil)
  table.render(into: &buffer, area: area.inset(left: 1))
  if list.loaded && rows.isEmpty {
    let key =
      list.search.isEmpty
      ? (kind == .contacts ? "list.noContacts" : "list.noCompanies") : "list.noMatches"
    buffer.put(
      truncate(state.text(key, list.search), toWidth: max(0, area.width - 2)), x: 1,
      y: area.y + 1, style: Style("card.dim"))
  }
}

/// The columns of a list in their sort order (`ContactSort` / `CompanySort`).
func listColumns(_ kind: ListKind, _ state: AppState) -> [TableColumn] {
  func title(_ key: String) -> String { state.text("list.col.\(key)") }
  switch kind {
  case .contacts:
    return [
      TableColumn(title("name"), width: .flex(3)),
      TableColumn(title("company"), width: .flex(2)),
      TableColumn(title("email"), width: .flex(3)),
      TableColumn(title("phone"), width: .fixed(16)),
      TableColumn(title("owner"), width: .flex(2)),
      TableColumn(title("last"), width: .fixed(12)),
    ]
  case .companies:
    return [
      TableColumn(title("name"), width: .flex(3)),
      TableColumn(title("domain"), width: .flex(2)),
      TableColumn(title("industry"), width: .flex(2)),
      TableColumn(title("contacts"), width: .fixed(10), alignment: .right),
      TableColumn(title("deals"), width: .fixed(8), alignment: .right),
      TableColumn(title("last"), width: .fixed(12)),
    ]
  }
}

/// Which columns fit: all from 80 cells up, else the name and one more.
func visibleColumns(_ kind: ListKind, list: RecordListState, width: Int) -> [Int] {
  if width >= BoardLayout.wideWidth { return Array(0..<6) }
  let second = list.sort != 0 ? list.sort : (kind == .contacts ? 1 : 3)
  return [0, second]
}

func contactCells(_ row: ContactRow, _ state: AppState) -> [String] {
  let c = row.contact
  // ≈ marks a contact with possible duplicates (M merges them).
  let mark = state.duplicateMarks.contains(c.id) ? "≈ " : ""
  return [
    mark + c.fullName, row.companyName ?? "", c.emails.first?.address ?? "",
    c.phones.first?.number ?? "", row.ownerName ?? "",
    row.lastInteraction.map { shortDate(Day($0), state.locale) } ?? "",
  ]
}

func companyCells(_ row: CompanyRow, _ state: AppState) -> [String] {
  let c = row.company
  let mark = state.duplicateMarks.contains(c.id) ? "≈ " : ""
  return [
    mark + c.name, c.domain ?? "", c.industry ?? "", String(row.contactCount),
    String(row.dealCount),
    row.lastInteraction.map { shortDate(Day($0), state.locale) } ?? "",
  ]
}

/// The top bar's right side on a list: how many records, and the search.
func listSummary(_ kind: ListKind, _ state: AppState) -> String {
  let list = state[list: kind]
  guard list.loaded else { return "" }
  let noun =
    kind == .contacts
    ? (list.total == 1 && !list.totalAtLeast ? "list.contact" : "list.contacts")
    : (list.total == 1 && !list.totalAtLeast ? "list.company" : "list.companies")
  // A search over many contacts is counted up to a cap: "1000+ contacts".
  var text = state.text(noun, String(list.total) + (list.totalAtLeast ? "+" : ""))
  if !list.search.isEmpty, list.searchInput == nil {
    text += "  " + state.text("list.search", list.search)
  }
  return text
}
