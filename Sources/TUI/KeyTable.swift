import Terminal

/// What a key does. One table maps keys to actions per context; the help overlay, the
/// status-bar hints, the command palette and the README's key list are all made from it.
public enum Action: String, CaseIterable, Sendable {
  case quit, cancel, help, palette, filter
  case left, right, up, down, top, bottom, halfPageUp, halfPageDown, pageUp, pageDown
  case view1, view2, view3, view4, view5, view6, nextView, previousView
  case open, new, edit, delete
  case moveDealPrevious, moveDealNext, reorderUp, reorderDown, moveToStage, markWon, markLost
  case switchPipeline, pipelines, select, multiSelect, undo, redo, reload, redraw
  case sortNext, sortReverse, mergeDuplicates, importContacts
  case today, cycleCalendarView, previousMonth, nextMonth, notifications
  case toggleDone, reschedule, reassign, nextSection, toggleMine
  case cyclePeriod, nextCurrency
  case addReportFilter, addReportMeasure, saveReport
  case syncScreen
}

/// Where a binding applies: everywhere, or on one screen. The contacts and companies
/// lists (`list`) also take the board's movement and record keys (j/k, Enter, n, e, d, /),
/// so their own keys must not clash with those either.
public enum KeyContext: String, Sendable, CaseIterable {
  case global, board, list
  /// View 4 and view 5; like the lists, they also take the board's movement keys, Enter and n.
  case calendar, activities
  /// View 6; it also takes the board's h/l (and arrows) to go from one dashboard to the next.
  case reports

  /// Whether a key can mean something in both contexts at once.
  func overlaps(_ other: KeyContext) -> Bool {
    self == other || self == .global || other == .global
      || Set([self, other]) == Set([.board, .list])
  }
}

public struct Binding: Sendable {
  public var action: Action
  public var keys: [Key]
  public var context: KeyContext
  /// Shown in the status bar when set (a few of the most useful).
  public var hint: Bool

  public init(_ action: Action, _ keys: [Key], _ context: KeyContext = .board, hint: Bool = false) {
    self.action = action
    self.keys = keys
    self.context = context
    self.hint = hint
  }
}

public struct KeyTable: Sendable {
  public private(set) var bindings: [Binding]

  public init(bindings: [Binding] = KeyTable.defaults) { self.bindings = bindings }

  /// The defaults of DESIGN.md.
  public static let defaults: [Binding] = [
    Binding(.help, [.char("?")], .global, hint: true),
    Binding(.quit, [.char("q"), .ctrl("c")], .global, hint: true),
    Binding(.cancel, [.escape], .global),
    Binding(.palette, [.char(":")], .global),
    Binding(.filter, [.char("/")], .board, hint: true),
    Binding(.left, [.char("h"), .left]),
    Binding(.right, [.char("l"), .right]),
    Binding(.up, [.char("k"), .up]),
    Binding(.down, [.char("j"), .down]),
    Binding(.top, [.char("g"), .home]),
    Binding(.bottom, [.char("G"), .end]),
    Binding(.halfPageUp, [.ctrl("u")]),
    Binding(.halfPageDown, [.ctrl("d")]),
    Binding(.pageUp, [.pageUp]),
    Binding(.pageDown, [.pageDown]),
    Binding(.view1, [.char("1")], .global),
    Binding(.view2, [.char("2")], .global),
    Binding(.view3, [.char("3")], .global),
    Binding(.view4, [.char("4")], .global),
    Binding(.view5, [.char("5")], .global),
    Binding(.view6, [.char("6")], .global),
    Binding(.nextView, [.tab], .global),
    Binding(.previousView, [.backTab], .global),
    Binding(.open, [.enter]),
    Binding(.new, [.char("n"), .char("a")], .board, hint: true),
    Binding(.edit, [.char("e")]),
    Binding(.delete, [.char("d")]),
    Binding(.moveDealPrevious, [.char("H")], .board, hint: true),
    Binding(.moveDealNext, [.char("L")], .board, hint: true),
    Binding(.reorderUp, [.char("K")]),
    Binding(.reorderDown, [.char("J")]),
    Binding(.moveToStage, [.char("m")], .board, hint: true),
    Binding(.markWon, [.char("W")]),
    Binding(.markLost, [.char("X")]),
    Binding(.switchPipeline, [.char("p")], .board, hint: true),
    Binding(.pipelines, [.char("P")]),
    Binding(.select, [.char(" ")]),
    Binding(.multiSelect, [.char("v")]),
    Binding(.undo, [.char("u")], .global, hint: true),
    Binding(.redo, [.ctrl("r")], .global),
    Binding(.reload, [.char("R")], .global),
    Binding(.redraw, [.ctrl("l")], .global),
    Binding(.sortNext, [.char("s")], .list, hint: true),
    Binding(.sortReverse, [.char("S")], .list),
    Binding(.mergeDuplicates, [.char("M")], .list),
    Binding(.importContacts, [.char("I")], .list),
    Binding(.today, [.char("t")], .calendar, hint: true),
    Binding(.cycleCalendarView, [.char("v")], .calendar, hint: true),
    Binding(.previousMonth, [.char("[")], .calendar),
    Binding(.nextMonth, [.char("]")], .calendar),
    Binding(.notifications, [.char("!")], .global),
    Binding(.syncScreen, [.char("Y")], .global),
    Binding(.toggleDone, [.char("x"), .char(" ")], .activities, hint: true),
    Binding(.reschedule, [.char("r")], .activities, hint: true),
    Binding(.reassign, [.char("w")], .activities),
    Binding(.nextSection, [.char("s")], .activities, hint: true),
    Binding(.toggleMine, [.char("m")], .activities, hint: true),
    Binding(.cyclePeriod, [.char("t")], .reports, hint: true),
    Binding(.nextCurrency, [.char("c")], .reports, hint: true),
    Binding(.addReportFilter, [.char("f")], .reports),
    Binding(.addReportMeasure, [.char("m")], .reports),
    Binding(.saveReport, [.char("s")], .reports),
  ]

  /// The action of `key` in `context` (a context's own binding wins over a global one).
  public func action(for key: Key, in context: KeyContext) -> Action? {
    if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
      return binding.action
    }
    return bindings.first(where: { $0.context == .global && $0.keys.contains(key) })?.action
  }

  public func keys(for action: Action) -> [Key] {
    bindings.first(where: { $0.action == action })?.keys ?? []
  }

  /// Replaces the keys of actions, as a config file asks (`move_deal_next = ["L", "Ctrl-N"]`),
  /// and returns what is wrong with the request: unknown actions or key names, and keys that
  /// now mean two things in one context. A conflicting or bad entry is not applied.
  public mutating func remap(_ entries: [String: [String]]) -> [String] {
    var problems: [String] = []
    for (name, keyNames) in entries.sorted(by: { $0.key < $1.key }) {
      guard let action = Action(configName: name) else {
        problems.append("unknown action \"\(name)\"")
        continue
      }
      var keys: [Key] = []
      for keyName in keyNames {
        guard let key = Key(name: keyName) else {
          problems.append("\(name): unknown key \"\(keyName)\"")
          continue
        }
        keys.append(key)
      }
      guard let index = bindings.firstIndex(where: { $0.action == action }), !keys.isEmpty else {
        continue
      }
      let context = bindings[index].context
      let clash = bindings.enumerated().first { other in
        other.offset != index
          && other.element.context.overlaps(context)
          && other.element.keys.contains(where: keys.contains)
      }
      if let clash {
        let key = clash.element.keys.first(where: keys.contains)!
        problems.append(
          "\(name): \(key) is already \(clash.element.action.configName); not changed")
        continue
      }
      bindings[index].keys = keys
    }
    return problems
  }
}

extension Action {
  /// snake_case, as written in config.toml.
  public var configName: String {
    rawValue.reduce(into: "") { name, character in
      if character.isUppercase
        || character.isNumber && !name.isEmpty && !(name.last?.isNumber ?? false)
      {
        name += "_" + character.lowercased()
      } else {
        name.append(character)
      }
    }
  }

  public init?(configName: String) {
    guard let action = Action.allCases.first(where: { $0.configName == configName }) else {
      return nil
    }
    self = action
  }
}

extension Key {
  /// Parses key names as the help shows them: "L", "Ctrl-R", "Enter", "Esc", "Tab",
  /// "Shift-Tab", "Space", "Up", "PgDn", "F5".
  public init?(name: String) {
    let lower = name.lowercased()
    let named: [String: Key] = [
      "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab,
      "shift-tab": .backTab, "backtab": .backTab, "space": .char(" "), "backspace": .backspace,
      "del": .delete, "delete": .delete, "up": .up, "down": .down, "left": .left,
      "right": .right, "home": .home, "end": .end, "pgup": .pageUp, "pageup": .pageUp,
      "pgdn": .pageDown, "pagedown": .pageDown,
    ]
    if let key = named[lower] {
      self = key
    } else if lower.hasPrefix("ctrl-"), name.count == 6, let c = lower.last, c.isLetter {
      self = .ctrl(c)
    } else if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) {
      self = .function(n)
    } else if name.count == 1, let c = name.first {
      self = .char(c)
    } else {
      return nil
    }
  }
}
