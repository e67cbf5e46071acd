import Foundation
import Model
import Store
import Terminal

/// The open deal detail: the deal as loaded, how far it is scrolled, and the note being
/// written in it. Reads through to the `DealDetail` (`detail.summary`, `detail.notes`).
@dynamicMemberLookup
public struct DetailState: Sendable {
  public var detail: DealDetail
  /// First line of the body shown.
  public var scroll = 0
  /// The note typed in the detail, while `a` has one open.
  public var note: TextAreaState?
  /// A note was sent to the store and its answer has not come back: a second save would
  /// add it twice.
  public var saving = false

  public init(_ detail: DealDetail) { self.detail = detail }

  public subscript<T>(dynamicMember path: KeyPath<DealDetail, T>) -> T { detail[keyPath: path] }

  public var dealId: String { detail.summary.deal.id }
}

/// How the detail divides the screen: a modal up to 72 wide and as tall as its lines need,
/// with the note editor (when open) and a line of key hints at the bottom.
struct DetailLayout {
  static let maxWidth = 72
  let modal: Modal
  let lines: [(String, Style)]
  /// Rows of body text shown at once.
  let bodyRows: Int
  /// Rows of the note editor, 0 when it is closed.
  let editorRows: Int

  init(_ detail: DetailState, _ state: AppState) {
    let width = min(state.size.width, Self.maxWidth)
    lines = detailLines(detail.detail, state, width: max(1, width - 4))
    let editing = detail.note != nil
    editorRows = editing ? max(1, min(6, state.size.height / 3)) : 0
    // Border, footer, and the editor with its label.
    let chrome = 3 + (editing ? editorRows + 1 : 0)
    let height = min(state.size.height, lines.count + chrome)
    modal = Modal(title: detail.summary.deal.title, width: width, height: height)
    bodyRows = max(0, height - chrome)
  }

  var maxScroll: Int { max(0, lines.count - bodyRows) }
}

/// The lines of the detail body for a text width: fields, stage history, activities, notes.
func detailLines(_ detail: DealDetail, _ state: AppState, width: Int) -> [(String, Style)] {
  let s = detail.summary
  var lines: [(String, Style)] = []
  func field(_ key: String, _ value: String?) {
    guard let value, !value.isEmpty else { return }
    lines.append(("\(state.text(key)): \(value)", Style(Role.modal)))
  }
  func heading(_ key: String) {
    lines.append(("", .normal))
    lines.append((state.text(key), Style(Role.title, .bold)))
  }
  field("detail.value", s.deal.value.formatted(locale: state.locale))
  field("detail.stage", "\(s.pipelineName) › \(s.stageName)")
  field("detail.priority", s.deal.priority.rawValue)
  field("detail.close", s.deal.closeDate.map { shortDate($0, state.locale) })
  field("detail.owner", s.ownerName)
  field("detail.company", s.companyName)
  field("detail.lostReason", s.deal.lostReason)
  field(
    "detail.contacts",
    detail.contacts.map { $0.contact.fullName + ($0.role.map { " (\($0))" } ?? "") }.joined(
      separator: ", "))
  heading("detail.history")
  for entry in detail.stageHistory.reversed() {
    let from = entry.fromStageName.map { "\($0) → " } ?? ""
    let when = shortDate(Day(entry.change.at), state.locale)
    lines.append(
      ("  \(when)  \(from)\(entry.toStageName)  \(durationText(entry.duration))", Style(Role.modal))
    )
  }
  if !detail.activities.isEmpty {
    heading("detail.activities")
    for activity in detail.activities {
      let when = activity.when.map { shortDate(Day($0), state.locale) } ?? ""
      let overdue = isOverdueOnScreen(activity, state)
      let style = overdue ? Style("overdue") : Style(Role.modal)
      let mark = activity.isDone ? "✓" : overdue ? "⚑" : "·"
      lines.append(("  \(mark) \(when)  \(activity.title)", style))
    }
  }
  heading("detail.notes")
  if detail.notes.isEmpty {
    lines.append(("  " + state.text("detail.noNotes"), Style("card.dim")))
  }
  for note in detail.notes {
    lines.append(("  " + shortDate(Day(note.createdAt), state.locale), Style("card.dim")))
    for line in wrap(note.body, width: max(1, width - 4)) {
      lines.append(("    " + line, Style(Role.modal)))
    }
  }
  return lines
}
