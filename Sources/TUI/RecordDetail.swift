import Foundation
import Model
import Store
import Terminal

/// A contact's or company's detail as loaded: every field, the linked company or contacts,
/// the linked deals with their stage, and the timeline.
public enum RecordDetail: Sendable, Hashable {
  case contact(ContactDetail)
  case company(CompanyDetail)

  var ref: RecordRef {
    switch self {
    case .contact(let d): return .contact(d.row.contact.id)
    case .company(let d): return .company(d.row.company.id)
    }
  }

  var title: String {
    switch self {
    case .contact(let d): return d.row.contact.fullName
    case .company(let d): return d.row.company.name
    }
  }
}

/// The open record detail: what it shows, how far it is scrolled, the note being written
/// in it (as in the deal detail), the popup over it, and the linked deal `Tab` focused.
public struct RecordDetailState: Sendable {
  public var detail: RecordDetail
  public var scroll = 0
  public var note: TextAreaState?
  /// A note or a popup's write was sent and its answer has not come back.
  public var saving = false
  public var popup: DetailPopup?
  /// A contact's roles on its deals, by deal id.
  public var roles: [String: String] = [:]
  /// Index into the linked deals of the one `x` unlinks.
  public var dealFocus: Int?
  /// In a company's detail, index into its contacts of the one Tab focused (Enter opens
  /// it, `x` takes it out of the company); Tab goes through the contacts, then the deals.
  public var contactFocus: Int?

  public init(_ detail: RecordDetail) { self.detail = detail }

  var deals: [DealSummary] {
    switch detail {
    case .contact(let d): return d.deals
    case .company(let d): return d.deals
    }
  }

  /// A company's contacts (a contact's detail has none to focus).
  var contacts: [Contact] {
    if case .company(let d) = detail { return d.contacts }
    return []
  }

  /// Tab's stop: contacts first, then deals; nil when nothing is focused.
  var focusIndex: Int? {
    contactFocus ?? dealFocus.map { contacts.count + $0 }
  }

  /// Moves Tab's focus to stop `index` of the contacts-then-deals ring.
  mutating func focus(_ index: Int) {
    let contactCount = contacts.count
    contactFocus = index < contactCount ? index : nil
    dealFocus = index < contactCount ? nil : index - contactCount
  }

  /// Keeps the focus on a row that still exists after the detail was read again.
  mutating func clampFocus() {
    if let focus = contactFocus {
      contactFocus = contacts.isEmpty ? nil : min(focus, contacts.count - 1)
    }
    if let focus = dealFocus { dealFocus = deals.isEmpty ? nil : min(focus, deals.count - 1) }
  }
}

/// How the record detail divides the screen: a modal up to 72 wide, the note editor when
/// open, and the key hints on the last two rows (one while a note is written).
struct RecordDetailLayout {
  let modal: Modal
  let lines: [(String, Style)]
  let bodyRows: Int
  let editorRows: Int
  let hintRows: Int
  /// The line of the focused linked deal.
  let focusLine: Int?

  init(_ detail: RecordDetailState, _ state: AppState) {
    let width = min(state.size.width, DetailLayout.maxWidth)
    var focusLine: Int?
    lines = recordDetailLines(
      detail.detail, state, width: max(1, width - 4), roles: detail.roles,
      dealFocus: detail.dealFocus, contactFocus: detail.contactFocus, focusLine: &focusLine)
    self.focusLine = focusLine
    let editing = detail.note != nil
    editorRows = editing ? max(1, min(6, state.size.height / 3)) : 0
    hintRows = editing ? 1 : 2
    let chrome = 2 + hintRows + (editing ? editorRows + 1 : 0)
    let height = min(state.size.height, lines.count + chrome)
    modal = Modal(title: detail.detail.title, width: width, height: height)
    bodyRows = max(0, height - chrome)
  }

  var maxScroll: Int { max(0, lines.count - bodyRows) }
}

/// The lines of a record detail for a text width: a linked deal shows the contact's role
/// on it, and the focused one is marked › (`focusLine` says where).
func recordDetailLines(
  _ detail: RecordDetail, _ state: AppState, width: Int, roles: [String: String] = [:],
  dealFocus: Int? = nil, contactFocus: Int? = nil, focusLine: inout Int?
) -> [(String, Style)] {
  var lines: [(String, Style)] = []
  func field(_ key: String, _ value: String?) {
    guard let value, !value.isEmpty else { return }
    lines.append(("\(state.text(key)): \(value)", Style(Role.modal)))
  }
  func heading(_ key: String) {
    lines.append(("", .normal))
    lines.append((state.text(key), Style(Role.title, .bold)))
  }
  func deals(_ deals: [DealSummary]) {
    heading("detail.deals")
    if deals.isEmpty { lines.append(("  " + state.text("detail.noDeals"), Style("card.dim"))) }
    for (index, s) in deals.enumerated() {
      let role = roles[s.deal.id].map { " · \($0)" } ?? ""
      let focused = index == dealFocus
      if focused { focusLine = lines.count }
      lines.append(
        (
          (focused ? "› " : "  ")
            + "\(s.deal.title) · \(s.stageName) · \(s.deal.value.formatted(locale: state.locale))"
            + role,
          Style(focused ? Role.selection : Role.modal)
        ))
    }
  }
  switch detail {
  case .contact(let d):
    let c = d.row.contact
    field("detail.jobTitle", c.title)
    field("detail.company", d.row.companyName)
    field(
      "detail.emails",
      c.emails.map { "\($0.address) (\($0.type.rawValue))" }.joined(separator: ", "))
    field(
      "detail.phones", c.phones.map { "\($0.number) (\($0.type.rawValue))" }.joined(separator: ", ")
    )
    field("detail.address", c.address?.singleLine)
    field("detail.tags", c.tags.joined(separator: ", "))
    field("detail.owner", d.row.ownerName)
    if c.emailOptOut { field("detail.optOut", state.text("detail.yes")) }
    field("detail.created", shortDate(Day(c.createdAt), state.locale))
    deals(d.deals)
  case .company(let d):
    let c = d.row.company
    field("detail.domain", c.domain)
    field("detail.phone", c.phone)
    field("detail.industry", c.industry)
    field("detail.address", c.address?.singleLine)
    field("detail.created", shortDate(Day(c.createdAt), state.locale))
    heading("detail.contacts")
    if d.contacts.isEmpty {
      lines.append(("  " + state.text("detail.noContacts"), Style("card.dim")))
    }
    for (index, contact) in d.contacts.enumerated() {
      let extra = [contact.title, contact.emails.first?.address].compactMap { $0 }
      let focused = index == contactFocus
      if focused { focusLine = lines.count }
      lines.append(
        (
          (focused ? "› " : "  ") + ([contact.fullName] + extra).joined(separator: " · "),
          Style(focused ? Role.selection : Role.modal)
        ))
    }
    deals(d.deals)
  }
  let timeline: [TimelineEntry]
  switch detail {
  case .contact(let d): timeline = d.timeline
  case .company(let d): timeline = d.timeline
  }
  heading("detail.timeline")
  for entry in timeline {
    let when = shortDate(Day(entry.at), state.locale)
    let overdue = entry.activity.map { isOverdueOnScreen($0, state) } ?? false
    let kind = (overdue ? "⚑ " : "") + state.text("timeline.\(entry.kind.rawValue)", entry.text)
    let text = wrap(kind, width: max(1, width - 10))
    for (index, line) in text.enumerated() {
      let prefix = index == 0 ? "  " + pad(when, toWidth: 8) : String(repeating: " ", count: 10)
      let style = overdue ? Style("overdue") : Style(entry.kind == .note ? Role.modal : "card.dim")
      lines.append((prefix + line, style))
    }
  }
  return lines
}
