import ArgumentParser
import Foundation
import Interchange
import Model
import Store

/// The report builder's definition on the command line.
struct ReportSpecOptions: ParsableArguments {
  @Option(help: "deals, contacts, companies or activities.") var entity: String?
  @Option(
    name: .customLong("filter"),
    help: "FIELD OP VALUE, OP one of = != < <= > >= ~ (contains); repeat to and them.")
  var filters: [String] = []
  @Option(
    help:
      "Group by stage, owner, pipeline, company, priority, tag, kind, currency, or month:DATEFIELD."
  )
  var group: String?
  @Option(
    name: .customLong("measure"),
    help: "count, or sum|avg|min|max:FIELD (e.g. sum:value); repeat for more (default count).")
  var measures: [String] = []

  func spec() throws -> ReportSpec? {
    guard let entity else {
      if !filters.isEmpty || group != nil || !measures.isEmpty {
        throw CLIError("--entity is needed with --filter, --group or --measure")
      }
      return nil
    }
    return ReportSpec(
      entity: try ReportEntity.parse(entity),
      filters: try filters.map { try ReportFilter(parsing: $0) },
      group: try group.map { try ReportGroup(parsing: $0) },
      measures: try measures.map { try ReportMeasure(parsing: $0) })
  }
}

struct SaveReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "save", abstract: "Save a built report by name (checked before it is saved).",
    discussion: """
      Example: crm report save "Big open deals" --entity deals --filter "value>=10000 EUR" \
      --filter status=open --group stage --measure count --measure sum:value
      """)
  @OptionGroup var global: GlobalOptions
  @Argument(help: "The report's name.") var name: String
  @OptionGroup var definition: ReportSpecOptions
  @Flag(help: "Change the report of that name if there is one.") var replace = false

  func run() throws {
    guard let spec = try definition.spec() else { throw CLIError("--entity is required") }
    let report = try global.openStore().saveReport(name: name, spec: spec, replace: replace)
    Output.line(report.id)
  }
}

struct RunReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Run a saved report by name, or one given with --entity.",
    discussion: """
      Money measures are per currency: the rows are split by currency, never added across.
      """)
  @OptionGroup var global: GlobalOptions
  @Argument(help: "A saved report's name.") var name: String?
  @OptionGroup var definition: ReportSpecOptions
  @Flag(help: "Print JSON.") var json = false
  @Flag(help: "Print CSV.") var csv = false

  func validate() throws {
    if json && csv { throw ArgumentParser.ValidationError("--json and --csv: choose one") }
  }

  func run() throws {
    let store = try global.openStore()
    let result: ReportResult
    switch (name, try definition.spec()) {
    case (let name?, nil): result = try store.runSavedReport(named: name)
    case (nil, let spec?): result = try store.runReport(spec)
    case (_?, _?): throw CLIError("give a report's name or --entity, not both")
    case (nil, nil): throw CLIError("give a saved report's name, or --entity")
    }
    try ReportResultPrinter.print(result, json: json, csv: csv)
  }
}

struct ListReportsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List the saved reports.")
  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    let reports = try global.openStore().savedReports()
    if output.json {
      return try Output.json(
        reports.map { report -> [String: Any] in
          let definition =
            (try? JSONSerialization.jsonObject(with: Data(report.definition.utf8))) ?? NSNull()
          return [
            "id": report.id, "name": report.name, "definition": definition,
            "createdAt": Output.iso(report.createdAt), "updatedAt": Output.iso(report.updatedAt),
          ]
        })
    }
    Output.table(
      ["NAME", "ENTITY", "FILTERS", "GROUP", "MEASURES"],
      reports.map { report in
        guard let spec = try? ReportSpec(json: report.definition) else {
          return [report.name, "(damaged)", "", "", ""]
        }
        return [
          report.name, spec.entity.rawValue,
          spec.filters.isEmpty ? "-" : spec.filters.map(\.text).joined(separator: " and "),
          spec.group?.text ?? "-", spec.measures.map(\.text).joined(separator: ", "),
        ]
      })
  }
}

struct DeleteReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "delete", abstract: "Delete a saved report (undo brings it back).")
  @OptionGroup var global: GlobalOptions
  @Argument(help: "The report's name.") var name: String

  func run() throws { try global.openStore().deleteReport(named: name) }
}

/// A built report as a table, JSON or CSV.
enum ReportResultPrinter {
  static func headers(_ result: ReportResult) -> [String] {
    [result.groupName ?? "all"] + (result.perCurrency ? ["currency"] : []) + result.measureNames
  }

  static func cells(_ row: ReportRow, _ result: ReportResult) -> [String] {
    [row.label ?? (result.groupName == nil ? "all" : "(none)")]
      + (result.perCurrency ? [row.currency?.code ?? ""] : []) + row.values.map(\.text)
  }

  static func print(_ result: ReportResult, json: Bool, csv: Bool) throws {
    if json {
      try Output.json([
        "entity": result.spec.entity.rawValue, "group": Output.orNull(result.groupName),
        "measures": result.measureNames, "perCurrency": result.perCurrency,
        "rows": result.rows.map { row -> [String: Any] in
          var values: [String: Any] = [:]
          for (name, value) in zip(result.measureNames, row.values) {
            switch value {
            case .count(let n): values[name] = n
            case .number(let x): values[name] = Output.orNull(x)
            case .money(let money):
              values[name] =
                money.map { ["amount": $0.decimalString, "currency": $0.currency.code] }
                ?? NSNull()
            }
          }
          return [
            "group": Output.orNull(row.label), "currency": Output.orNull(row.currency?.code),
            "values": values,
          ]
        },
      ])
      return
    }
    if csv {
      var text = CSVWriter.line(headers(result))
      for row in result.rows { text += CSVWriter.line(cells(row, result)) }
      FileHandle.standardOutput.write(Data(text.utf8))
      return
    }
    Output.table(headers(result).map { $0.uppercased() }, result.rows.map { cells($0, result) })
  }
}
