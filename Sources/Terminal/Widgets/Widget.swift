/// The one thing every widget does: draw itself into an area of a buffer.
///
///     Box(title: "Deals").render(into: &buffer, area: Rect(x: 0, y: 0, width: 30, height: 10))
///
/// Widgets are values built fresh for each frame from the app's state; state that must
/// outlive a frame (cursor, selection, scroll offset) lives in separate `...State` values
/// that the app keeps and updates with `handle(_:)`.
public protocol Widget {
  func render(into buffer: inout ScreenBuffer, area: Rect)
}
