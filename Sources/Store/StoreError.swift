import Model

/// Why a Store operation refused. Every case names what the user typed or must fix, and a
/// refused operation has changed nothing.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
  case invalid(ValidationError)
  case notFound(entity: String, key: String)
  case ambiguous(entity: String, key: String, matches: [String])
  case conflict(String)
  case nothingToUndo
  case nothingToRedo

  public var description: String {
    switch self {
    case .invalid(let error): return error.description
    case .notFound(let entity, let key): return "no \(entity) matches \"\(key)\""
    case .ambiguous(let entity, let key, let matches):
      let shown = matches.prefix(5).joined(separator: ", ")
      let hint = entity == "stage" ? " name its pipeline (--pipeline) or" : ""
      return
        "\"\(key)\" matches \(matches.count) \(entity) records (\(shown));\(hint) give more of the id"
    case .conflict(let message): return message
    case .nothingToUndo: return "nothing to undo"
    case .nothingToRedo: return "nothing to redo"
    }
  }
}

extension ValidationError {
  var store: StoreError { .invalid(self) }
}

/// Runs a Model validation and reports it as a Store error.
func validated(_ check: () throws(ValidationError) -> Void) throws(StoreError) {
  do { try check() } catch { throw StoreError.invalid(error) }
}
