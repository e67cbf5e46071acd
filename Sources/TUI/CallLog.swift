import Foundation
import Model
import Store
import Terminal

/// A call being logged from a deal's, contact's or company's detail (`c`): who it is with,
/// when it started, its direction, and, once stopped, the outcome, title and notes asked
/// for. The clock is the state's `now` (moved by ticks and keys), so the elapsed time is a
/// pure function.
public struct CallLogState: Sendable {
  public enum Phase: Sendable, Equatable {
    case running
    /// Esc while running: discard the call? (y/n)
    case confirmDiscard
    /// Stopped: which outcome, and an optional title and notes.
    case outcome(stoppedAt: Date)
  }

  /// Where keys go once the call is stopped; Tab moves on, Shift-Tab back.
  public enum Field: Int, CaseIterable, Sendable {
    case outcome, title, notes
  }

  public var name: String
  public var target: CallTarget
  public var startedAt: Date
  public var direction: CallDirection = .outbound
  public var phase: Phase = .running
  /// Index into `CallOutcome.allCases`.
  public var outcome = 0
  public var title = TextInputState()
  /// What was said, saved as the activity's notes (none when left empty).
  public var notes = TextInputState()
  public var field = Field.outcome

  public init(name: String, target: CallTarget, startedAt: Date) {
    self.name = name
    self.target = target
    self.startedAt = startedAt
  }

  /// Whole seconds since the start, at `now` (or the stop, once stopped).
  func elapsed(_ now: Date) -> Int {
    let end: Date
    if case .outcome(let stoppedAt) = phase { end = stoppedAt } else { end = now }
    return max(0, Int(end.timeIntervalSince(startedAt).rounded()))
  }
}

/// What a call is linked to: a deal or a contact, with its company, or a company alone.
public enum CallTarget: Sendable, Hashable {
  case deal(id: String, companyId: String?)
  case contact(id: String, companyId: String?)
  case company(id: String)
}

/// The call activity to save.
public struct CallDraft: Sendable, Hashable {
  public var target: CallTarget
  public var title: String
  /// Nil when none were typed.
  public var notes: String?
  public var startAt: Date
  public var endAt: Date
  public var seconds: Int
  public var direction: CallDirection
  public var outcome: CallOutcome
}

/// A call was saved: the detail it was logged from as it is now (a contact's or a
/// company's, with the contact's roles on its deals).
public enum CallLogged: Sendable {
  case deal(DealDetail)
  case record(RecordDetail, roles: [String: String])
}

/// mm:ss, or h:mm:ss from an hour on.
func callClock(_ seconds: Int) -> String {
  let h = seconds / 3_600
  let m = seconds / 60 % 60
  let s = seconds % 60
  func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
  return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(two(m)):\(two(s))"
}

/// The outcome keys: the first letter of each (w for wrong number).
let callOutcomeKeys: [Character] = ["c", "v", "n", "b", "w"]

/// `c` in a deal's detail.
func startCall(_ state: inout AppState, deal detail: DetailState) -> [Effect] {
  let deal = detail.summary.deal
  state.call = CallLogState(
    name: deal.title, target: .deal(id: deal.id, companyId: deal.companyId),
    startedAt: state.now)
  return []
}

/// `c` in a contact's or a company's detail.
func startCall(_ state: inout AppState, record detail: RecordDetailState) -> [Effect] {
  switch detail.detail {
  case .contact(let d):
    let contact = d.row.contact
    state.call = CallLogState(
      name: contact.fullName, target: .contact(id: contact.id, companyId: contact.companyId),
      startedAt: state.now)
  case .company(let d):
    let company = d.row.company
    state.call = CallLogState(
      name: company.name, target: .company(id: company.id), startedAt: state.now)
  }
  return []
}

/// Keys while a call is logged: they all go to it.
func updateCallLog(_ state: inout AppState, _ key: Key) -> [Effect] {
  guard var call = state.call else { return [] }
  switch call.phase {
  case .running:
    switch key {
    case .char("i"), .char("o"):
      call.direction = call.direction == .outbound ? .inbound : .outbound
    case .enter, .char("c"):
      call.phase = .outcome(stoppedAt: state.now)
    case .escape:
      call.phase = .confirmDiscard
    default:
      return []
    }
  case .confirmDiscard:
    switch key {
    case .char(let c) where c == "y" || (c == "j" && state.catalog.language == "de"):
      state.call = nil
      state.status = StatusMessage(text: state.text("call.discarded"), isError: false)
      return []
    case .char("n"), .escape:
      call.phase = .running
    default:
      return []
    }
  case .outcome(let stoppedAt):
    let count = CallOutcome.allCases.count
    switch key {
    case .escape:
      // Back to the running call: nothing is lost by a stray Esc.
      call.phase = .running
    case .tab, .backTab:
      let fields = CallLogState.Field.allCases
      let step = key == .tab ? 1 : fields.count - 1
      call.field = fields[(call.field.rawValue + step) % fields.count]
    case .down, .up:
      call.outcome = (call.outcome + (key == .down ? 1 : count - 1)) % count
    case .enter:
      state.call = nil
      let seconds = max(1, Int(stoppedAt.timeIntervalSince(call.startedAt).rounded()))
      let typed = call.title.text.trimmingCharacters(in: .whitespaces)
      let notes = call.notes.text.trimmingCharacters(in: .whitespaces)
      let draft = CallDraft(
        target: call.target,
        title: typed.isEmpty ? state.text("call.defaultTitle", call.name) : typed,
        notes: notes.isEmpty ? nil : notes,
        startAt: call.startedAt, endAt: stoppedAt, seconds: seconds, direction: call.direction,
        outcome: CallOutcome.allCases[call.outcome])
      return [.logCall(draft)]
    case .char(let c) where call.field == .outcome && callOutcomeKeys.contains(c):
      // On the outcome list its letters pick and j/k move; on the text lines keys type.
      call.outcome = callOutcomeKeys.firstIndex(of: c)!
    case .char("j") where call.field == .outcome:
      call.outcome = (call.outcome + 1) % count
    case .char("k") where call.field == .outcome:
      call.outcome = (call.outcome + count - 1) % count
    default:
      switch call.field {
      case .outcome: return []
      case .title: guard call.title.handle(key) else { return [] }
      case .notes: guard call.notes.handle(key) else { return [] }
      }
    }
  }
  state.call = call
  return []
}

/// A call was saved: the detail it came from shows it, and the status line says so.
func callLogged(_ state: inout AppState, _ logged: CallLogged, status: StatusMessage) -> [Effect] {
  switch logged {
  case .deal(let loaded):
    state.status = status
    guard case .detail(var detail) = state.overlay, detail.dealId == loaded.summary.deal.id
    else { return [] }
    detail.detail = loaded
    state.overlay = .detail(detail)
    return []
  case .record(let loaded, let roles):
    return recordUpdated(&state, loaded, roles: roles, status: status, dealsChanged: false)
  }
}
