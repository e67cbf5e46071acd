/// The one display-width function of the program, in agreement with ncurses.
///
///     displayWidth("Zoë 東京 🚀")        // 11
///     truncate("東京都港区", toWidth: 6)  // "東京…"
///
/// ncurses measures every scalar with libc `wcwidth` and gives each scalar of non-zero width
/// its own cell(s), attaching zero-width scalars (combining marks) to the cell before. A
/// grapheme cluster with several spacing scalars (a ZWJ family 👨‍👩‍👧, a skin-tone 👍🏽) is
/// one glyph in some terminals and several in others, so no width we pick for it can match
/// every terminal. The choice here is the alignment-safe one:
///
/// - A grapheme's width is the `wcwidth` of its first scalar that has width; combining
///   marks add nothing.
/// - What we store and send is reduced to that: the first spacing scalar with its combining
///   marks. Later spacing scalars (ZWJ partners, skin-tone modifiers), U+200D and U+FE0F are
///   dropped, so ncurses and every terminal advance by the same amount. (U+FE0F is dropped
///   because it makes some terminals draw a `wcwidth` 1 symbol such as ❤ two columns wide.)
/// - A flag (a pair of regional indicators) stays whole as two cells of width 1, which is
///   what ncurses places and how terminals draw flags: two columns.
/// - Control characters (`wcwidth` -1) are dropped: they have no width and must never
///   reach the terminal from data.
///
/// Widths are read under a private UTF-8 `LC_CTYPE` locale (per thread, via `uselocale`),
/// so they do not depend on whether the process has called `setlocale` yet; glibc's UTF-8
/// locales share one width table, so this agrees with ncurses after `setlocale(LC_ALL, "")`.
import CNcurses

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `locale_t` is a raw pointer, created once and never freed or mutated: safe to share.
nonisolated(unsafe) private let widthLocale: locale_t? = {
  for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] {
    if let loc = crm_newlocale_ctype(name) { return loc }
  }
  return nil
}()

/// `wcwidth` of one scalar: -1 for control and non-printable characters.
public func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
  let v = scalar.value
  if v >= 0x20 && v < 0x7F { return 1 }
  if v < 0x20 || v == 0x7F { return -1 }
  if let loc = widthLocale {
    return Int(crm_wcwidth_in(loc, wchar_t(bitPattern: v)))
  }
  // No UTF-8 locale installed at all: the process locale is the best we have.
  return Int(crm_wcwidth(wchar_t(bitPattern: v)))
}

/// The cells one grapheme occupies: normally one (text, width) pair; two for a flag; none
/// for a grapheme with no width (a lone combining mark or control character).
public func graphemeCells(_ grapheme: Character) -> [(text: String, width: Int)] {
  let scalars = grapheme.unicodeScalars
  if scalars.count == 2, scalars.allSatisfy(isRegionalIndicator) {
    return scalars.map { (String($0), max(1, scalarWidth($0))) }
  }
  var text = String.UnicodeScalarView()
  var width = 0
  for scalar in scalars {
    if scalar.value == 0x200D || scalar.value == 0xFE0F { continue }
    let w = scalarWidth(scalar)
    if w < 0 { continue }
    if w == 0 {
      // A combining mark belongs to the spacing scalar before it; one that precedes every
      // spacing scalar has nothing to sit on.
      if width > 0 { text.append(scalar) }
    } else if width == 0 {
      text.append(scalar)
      width = min(w, 2)
    } else {
      break
    }
  }
  return width == 0 ? [] : [(String(text), width)]
}

private func isRegionalIndicator(_ s: Unicode.Scalar) -> Bool {
  (0x1F1E6...0x1F1FF).contains(s.value)
}

/// Columns one grapheme occupies on screen.
public func displayWidth(_ grapheme: Character) -> Int {
  if let ascii = grapheme.asciiValue {
    return ascii >= 0x20 && ascii < 0x7F ? 1 : 0
  }
  return graphemeCells(grapheme).reduce(0) { $0 + $1.width }
}

/// Columns a string occupies on screen.
public func displayWidth(_ s: String) -> Int {
  var total = 0
  for ch in s { total += displayWidth(ch) }
  return total
}

/// Cuts `s` to at most `width` columns, ending in `ellipsis` when anything was cut. Never
/// splits a grapheme, so never half a wide character: the result may be a column short.
public func truncate(_ s: String, toWidth width: Int, ellipsis: String = "…") -> String {
  guard width > 0 else { return "" }
  if displayWidth(s) <= width { return s }
  let ellipsisWidth = displayWidth(ellipsis)
  let room = ellipsisWidth <= width ? width - ellipsisWidth : width
  var out = ""
  var used = 0
  for ch in s {
    let w = displayWidth(ch)
    if used + w > room { break }
    out.append(ch)
    used += w
  }
  return ellipsisWidth <= width ? out + ellipsis : out
}

/// Where padding goes when text is narrower than its column.
public enum Alignment: Sendable, Hashable {
  case left
  case right
  case center
}

/// Truncates (with an ellipsis) or pads `s` with spaces to exactly `width` columns.
public func pad(_ s: String, toWidth width: Int, alignment: Alignment = .left) -> String {
  guard width > 0 else { return "" }
  let cut = truncate(s, toWidth: width)
  let spare = width - displayWidth(cut)
  switch alignment {
  case .left: return cut + String(repeating: " ", count: spare)
  case .right: return String(repeating: " ", count: spare) + cut
  case .center:
    let left = spare / 2
    return String(repeating: " ", count: left) + cut
      + String(repeating: " ", count: spare - left)
  }
}
