/// The role names widgets and the app draw with, in one place, so themes can be checked for
/// completeness and a typo in a role name is a compile error rather than an unstyled cell.
public enum Role {
  public static let normal = "normal"
  public static let border = "border"
  public static let borderFocused = "border.focused"
  public static let title = "title"
  public static let selection = "selection"
  public static let tableHeader = "table.header"
  public static let input = "input"
  public static let inputCursor = "input.cursor"
  public static let modal = "modal"
  public static let tab = "tab"
  public static let tabSelected = "tab.selected"
  public static let statusBar = "status.bar"
  public static let statusMessage = "status.message"
  public static let statusError = "status.error"
  public static let hintKey = "hint.key"
  public static let pickerMatch = "picker.match"
  public static let scrollbar = "scrollbar"

  /// Roles the widgets of this module use.
  public static let widgetRoles: [String] = [
    normal, border, borderFocused, title, selection, tableHeader, input, inputCursor, modal,
    tab, tabSelected, statusBar, statusMessage, statusError, hintKey, pickerMatch, scrollbar,
  ]

  /// Every role a shipped theme must define: the widgets' own plus the ones the CRM's
  /// screens draw with (kept here as names only; this module gives them no meaning).
  public static let required: [String] =
    widgetRoles + [
      "card", "card.selected", "card.dim", "stage.header", "stage.header.focused", "overdue",
      "rotting", "won", "lost", "priority.high", "priority.urgent",
      "chart.1", "chart.2", "chart.3", "chart.4", "chart.5", "chart.6",
    ]
}
