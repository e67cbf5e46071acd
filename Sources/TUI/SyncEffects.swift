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
      let label = try store.refusals().first { $0.id == id }?.label ?? id
      try store.redoRefusal(id: id, now: Date())
      return try loaded(catalog.text("sync.redone", label), changed: true)
    case .drop(let id):
      let label = try store.refusals().first { $0.id == id }?.label ?? id
      try store.dropRefusal(id: id)
      return try loaded(catalog.text("sync.dropped", label))
    case .dismissConflicts:
      try store.dismissConflicts()
      return try loaded(catalog.text("sync.dismissed"))
    }
  }

  static func syncScreenData(_ store: Store) throws -> SyncScreenData {
    let names = Dictionary(
      try store.users().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    return SyncScreenData(
      refusals: try store.refusals(), conflicts: try store.conflicts(limit: conflictLimit),
      names: names, status: try store.syncStatus())
  }
}
