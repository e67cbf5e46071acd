/// Colour pairs for ncurses: one pair per distinct (fg, bg), made on first use, so a theme
/// costs only as many pairs as it has colour combinations.
import CNcurses

struct ColorPairs {
  private var pairs: [Pair: Int16] = [:]
  private let limit: Int

  private struct Pair: Hashable {
    var fg: Int
    var bg: Int
  }

  /// `limit`: the terminal's COLOR_PAIRS, capped at 256 because COLOR_PAIR() packs the pair
  /// number into 8 bits of the attributes.
  init(limit: Int) {
    self.limit = min(limit, 256)
  }

  /// The pair number for these colours (0, the terminal default, when no colour is asked
  /// for or pairs ran out).
  mutating func pair(fg: Int, bg: Int) -> Int16 {
    if fg == -1 && bg == -1 { return 0 }
    let key = Pair(fg: fg, bg: bg)
    if let p = pairs[key] { return p }
    let next = pairs.count + 1
    guard next < limit else { return 0 }
    init_pair(Int16(next), Int16(fg), Int16(bg))
    pairs[key] = Int16(next)
    return Int16(next)
  }
}
