/// The views the TUI can open on (`crm --view NAME`, `ui.view` in the config): the board
/// by default, or straight on a list, which then skips loading the board until `1`.
public enum StartView: String, CaseIterable, Sendable {
  case board, contacts, companies, calendar, activities

  /// The names, for help texts and errors: "board, contacts, companies".
  public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

  public var view: View {
    switch self {
    case .board: return .board
    case .contacts: return .contacts
    case .companies: return .companies
    case .calendar: return .calendar
    case .activities: return .activities
    }
  }
}
