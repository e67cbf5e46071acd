import Foundation
import Model
import Store

/// The sync screen's store work: its lists, and redoing, dropping and dismissing.
extension EffectRunner {
  /// Conflicts shown at most; the screen says how many there are in its header anyway.
  static let conflictLimit = 200

  static func performOnSync(_ effect: SyncEffect, store: Store, catalog: Catalog) throws -> Msg {
    func loaded(_ status: String?, changed: Bool = false) throws -> Msg {
      .sync(
        .screenLoaded(
          try syncScreenData(store), status: status.map { StatusMessage(text: $0, isError: false) },
          changed: changed))
    }
    switch effect {
    case .run:
      return .failed("internal: the runtime runs the sync itself")
    case .loadScreen:
      return try loaded(nil)
    case .redo(let id):
      let label = try readableLabel(of: id, store)
      try store.redoRefusal(id: id, now: Date())
      return try loaded(catalog.text("sync.redone", label), changed: true)
    case .drop(let id):
      let label = try readableLabel(of: id, store)
      try store.dropRefusal(id: id)
      return try loaded(catalog.text("sync.dropped", label))
    case .dismissConflicts:
      try store.dismissConflicts()
      return try loaded(catalog.text("sync.dismissed"))
    }
  }

  /// A refused change's label with the records it names by their names, for a message.
  static func readableLabel(of id: String, _ store: Store) throws -> String {
    let data = try syncScreenData(store)
    guard let refusal = data.refusals.first(where: { $0.id == id }) else { return id }
    return readableText(refusal.label, names: data.names)
  }

  /// The lists, and the names and currencies behind the ids they hold: every user,
  /// pipeline and stage, and the deals, contacts, companies and activities named by a
  /// refused change, a conflict, a value or an id in a label or reason.
  static func syncScreenData(_ store: Store) throws -> SyncScreenData {
    let refusals = try store.refusals()
    let conflicts = try store.conflicts(limit: conflictLimit)
    var names: [String: String] = [:]
    for user in try store.users() where names[user.id] == nil { names[user.id] = user.name }
    for pipeline in try store.pipelines() {
      names[pipeline.id] = pipeline.name
      for stage in try store.stages(pipelineId: pipeline.id) { names[stage.id] = stage.name }
    }
    var mentioned: [String] = []
    func mention(_ id: String) { if names[id] == nil { mentioned.append(id) } }
    func mentionValue(_ value: FieldValue, field: String) {
      if case .text(let id) = value, isIdField(field) { mention(id) }
    }
    for refusal in refusals {
      for text in [refusal.label, refusal.reason] { uuids(in: text).forEach(mention) }
      for change in refusal.changes {
        mention(change.id)
        mentionValue(change.value, field: change.field)
      }
    }
    for conflict in conflicts {
      mention(conflict.recordId)
      mentionValue(conflict.mine, field: conflict.field)
      mentionValue(conflict.theirs, field: conflict.field)
    }
    var currencies: [String: Currency] = [:]
    var looked: Set<String> = []
    for id in mentioned where names[id] == nil && looked.insert(id).inserted {
      if let deal = try? store.deal(id), deal.id == id {
        names[id] = deal.title
        currencies[id] = deal.value.currency
      } else if let contact = try? store.contact(id), contact.id == id {
        names[id] = contact.fullName
      } else if let company = try? store.company(id), company.id == id {
        names[id] = company.name
      } else if let activity = try? store.activity(id), activity.id == id {
        names[id] = activity.title
      }
    }
    return SyncScreenData(
      refusals: refusals, conflicts: conflicts, names: names, currencies: currencies,
      status: try store.syncStatus())
  }
}
