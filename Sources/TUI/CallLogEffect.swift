import Foundation
import Model
import Store

/// The call log's one write: a done call activity (one mutation that `u` undoes), answered
/// with the detail it was logged from as it is now.
extension EffectRunner {
  static func performCallLog(_ effect: Effect, store: Store, catalog: Catalog) throws -> Msg {
    guard case .logCall(let draft) = effect else {
      return .failed("internal: \(effect) is not a call log effect")
    }
    var activity = Activity(
      kind: .call, title: draft.title, notes: draft.notes, startAt: draft.startAt,
      endAt: draft.endAt,
      doneAt: draft.endAt, assigneeId: try store.localUser()?.id,
      callDurationSeconds: draft.seconds, callDirection: draft.direction,
      callOutcome: draft.outcome, createdAt: draft.endAt)
    switch draft.target {
    case .deal(let id, let companyId):
      activity.dealId = id
      activity.companyId = companyId
    case .contact(let id, let companyId):
      activity.contactId = id
      activity.companyId = companyId
    case .company(let id):
      activity.companyId = id
    }
    try store.createActivity(activity, now: draft.endAt)
    let status = StatusMessage(
      text: catalog.text(
        "call.logged", draft.title, catalog.text("call.outcome." + draft.outcome.rawValue),
        callClock(draft.seconds)), isError: false)
    switch draft.target {
    case .deal(let id, _):
      return .callLogged(.deal(try store.dealDetail(id, now: draft.endAt)), status: status)
    case .contact(let id, _):
      let ref = RecordRef.contact(id)
      return .callLogged(
        .record(try detail(ref, store: store), roles: try store.dealRoles(contact: id)),
        status: status)
    case .company(let id):
      return .callLogged(
        .record(try detail(.company(id), store: store), roles: [:]), status: status)
    }
  }
}
