import Terminal

/// How far a scrolling view (the help, a detail) moves for a key: its movement follows the
/// board's bindings, so remapping j/k applies everywhere. Nil when the key does not scroll.
func scrollStep(for key: Key, _ state: AppState, page: Int, total: Int) -> Int? {
  switch state.keys.action(for: key, in: .board) {
  case .down?: return 1
  case .up?: return -1
  case .pageDown?: return page
  case .pageUp?: return -page
  case .halfPageDown?: return max(1, page / 2)
  case .halfPageUp?: return -max(1, page / 2)
  case .top?: return -total
  case .bottom?: return total
  default: return nil
  }
}

/// The global undo or redo, for a detail that takes its own keys: its effect, or nil when the
/// key is neither. The detail is read again after either.
func undoRedoEffect(for key: Key, _ state: AppState) -> [Effect]? {
  switch state.keys.action(for: key, in: .global) {
  case .undo?: return [.undo]
  case .redo?: return [.redo]
  default: return nil
  }
}
