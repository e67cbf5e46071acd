/// The loads the app starts with: only the view on screen's, so a start on a list does not
/// wait for the board (it loads when the user goes to it, see `boardIfNeeded`).
func startEffects(_ state: inout AppState) -> [Effect] {
  if state.view == .board { return [.loadBoard(pipelineId: nil, focusDealId: nil)] }
  return enterList(&state) + enterActivityViews(&state)
}

/// Going to the board when it was never loaded (the app started on a list): load it now.
func boardIfNeeded(_ state: inout AppState) -> [Effect] {
  guard state.view == .board, state.board == nil, !state.loading else { return [] }
  state.loading = true
  return [.loadBoard(pipelineId: nil, focusDealId: nil)]
}
