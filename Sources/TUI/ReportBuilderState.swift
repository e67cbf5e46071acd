import Foundation
import Model
import Store
import Terminal

/// View 6's report builder: the report being built, the line the cursor is on, the edit in
/// progress, and the figures of the last run. Every change reruns the report (one SQL
/// query, well under 50 ms on 100k deals), so the table and bars follow the definition.
public struct ReportBuilderState: Sendable {
  public var spec = ReportSpec(
    entity: .deals, group: ReportGroup(field: "stage"),
    measures: [ReportMeasure(.count), ReportMeasure(.sum, "value")])
  /// An index into `lines`.
  public var line = 0
  public var edit: ReportBuilderEdit?
  public var result: ReportResult?
  /// Why the report as defined cannot run (an unknown name, an operator the field does not
  /// take): shown in place of the table until the definition is mended.
  public var error: String?
  /// Drops the answers to older definitions.
  public var generation = 0
  /// The saved report it was opened from or last saved as: saving under that name again
  /// replaces it, any other existing name is refused.
  public var savedName: String?

  public init() {}

  /// The definition as the cursor walks it: each filter and measure is a line of its own,
  /// and a line after each list adds to it.
  public var lines: [ReportBuilderLine] {
    [.entity] + spec.filters.indices.map { .filter($0) } + [.addFilter, .group]
      + spec.measures.indices.map { .measure($0) } + [.addMeasure]
  }

  public var focusedLine: ReportBuilderLine {
    let all = lines
    return all[min(max(0, line), all.count - 1)]
  }
}

public enum ReportBuilderLine: Hashable, Sendable {
  case entity
  case filter(Int)
  case addFilter, group
  case measure(Int)
  case addMeasure
}

/// What is being changed: a filter typed as FIELD OP VALUE (a new one when the index is
/// nil), a choice from a list, or the name to save under.
public enum ReportBuilderEdit: Sendable {
  case filter(Int?, TextInputState)
  case entity(PickerState)
  case group(PickerState)
  case measure(Int?, PickerState)
  case name(TextInputState)
}

/// The builder's question to the store: run this definition, after saving it by name when
/// `saveAs` is set.
public struct ReportBuildRequest: Sendable, Equatable {
  public var generation: Int
  public var spec: ReportSpec
  public var zone: TimeZone
  public var saveAs: String?
  /// Whether a saved report of that name is replaced (else it is refused).
  public var replace = false
}

/// The store's answer: the figures or why there are none, and how a save went.
public struct ReportBuilt: Sendable {
  public var result: ReportResult?
  public var error: String?
  public var saved: SavedReport?
  /// A saved report of that name exists and was not to be replaced.
  public var nameTaken: String?
  public var saveError: String?
}

extension ReportBuilderState {
  /// The choices the entity, group and measure lines offer, as the pickers list them.
  static let entities = ReportEntity.allCases

  func groupChoices() -> [ReportGroup?] { [nil] + spec.entity.groupChoices }

  func measureChoices() -> [ReportMeasure] { spec.entity.measureChoices }
}
