/// A dialog box centred on the screen and clamped to it, drawn over whatever is below.
///
///     let modal = Modal(title: "New deal", width: 50, height: 12)
///     let inner = modal.render(into: &buffer, screen: buffer.area)
///     Form(state: form).render(into: &buffer, area: inner)

public struct Modal: Sendable {
  public var title: String
  public var width: Int
  public var height: Int

  public init(title: String, width: Int, height: Int) {
    self.title = title
    self.width = width
    self.height = height
  }

  /// Where the dialog goes on a screen of this size.
  public func area(in screen: Rect) -> Rect {
    screen.centered(width: width, height: height)
  }

  /// Clears the dialog's area, draws its frame, and returns the area inside for content.
  @discardableResult
  public func render(into buffer: inout ScreenBuffer, screen: Rect) -> Rect {
    let area = area(in: screen)
    buffer.fill(area, style: Style(Role.modal))
    Box(title: title, focused: true).render(into: &buffer, area: area)
    return area.inset(top: 1, left: 2, bottom: 1, right: 2)
  }
}
