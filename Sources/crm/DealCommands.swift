import ArgumentParser
import Foundation
import Model
import Store

struct DealCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "deal", abstract: "List, show, add, edit, move and delete deals.",
    subcommands: [
      List.self, Show.self, Add.self, Edit.self, Move.self, Delete.self, Link.self, Unlink.self,
    ])

  static func json(_ s: DealSummary) -> [String: Any] {
    let d = s.deal
    return [
      "id": d.id, "title": d.title, "value": d.value.decimalString,
      "currency": d.value.currency.code,
      "priority": d.priority.rawValue, "closeDate": Output.orNull(d.closeDate?.description),
      "ownerId": Output.orNull(d.ownerId), "owner": Output.orNull(s.ownerName),
      "companyId": Output.orNull(d.companyId), "company": Output.orNull(s.companyName),
      "pipelineId": d.pipelineId, "pipeline": s.pipelineName, "stageId": d.stageId,
      "stage": s.stageName, "status": s.stageKind.rawValue, "position": d.position,
      "lostReason": Output.orNull(d.lostReason), "createdAt": Output.iso(d.createdAt),
      "updatedAt": Output.iso(d.updatedAt), "stageChangedAt": Output.iso(d.stageChangedAt),
    ]
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List deals in board order.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var page: PageOptions
    @Option(help: "Pipeline name or id.") var pipeline: String?
    @Option(help: "Stage name or id.") var stage: String?
    @Option(help: "Owner name, email or id.") var owner: String?
    @Option(help: "Company name or id.") var company: String?
    @Option(help: "open, won or lost.") var status: String?

    func run() throws {
      let store = try global.openStore()
      let filter = DealFilter(
        pipeline: pipeline, stage: stage, owner: owner,
        status: try status.map { try InputParsing.kind($0, StageKind.self, field: "status") },
        company: company)
      let deals = try store.deals(filter, limit: page.limit, offset: page.offset)
      if output.json { return try Output.json(deals.map(json)) }
      Output.table(
        ["ID", "TITLE", "VALUE", "STAGE", "OWNER", "CLOSE", "PRIORITY"],
        deals.map {
          [
            $0.deal.id, $0.deal.title, Output.money($0.deal.value), $0.stageName,
            $0.ownerName ?? "", $0.deal.closeDate?.description ?? "", $0.deal.priority.rawValue,
          ]
        })
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show a deal with its contacts, stage history, notes and activities.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Deal id or unique prefix.") var id: String

    func run() throws {
      let detail = try global.openStore().dealDetail(id)
      if output.json {
        var object = json(detail.summary)
        object["contacts"] = detail.contacts.map {
          ["id": $0.contact.id, "name": $0.contact.fullName, "role": Output.orNull($0.role)]
        }
        object["stageHistory"] = detail.stageHistory.map {
          [
            "id": $0.change.id, "fromStageId": Output.orNull($0.change.fromStageId),
            "fromStage": Output.orNull($0.fromStageName), "toStageId": $0.change.toStageId,
            "toStage": $0.toStageName, "at": Output.iso($0.change.at),
            "byUserId": Output.orNull($0.change.byUserId), "by": Output.orNull($0.byUserName),
            "durationSeconds": Int($0.duration),
          ] as [String: Any]
        }
        object["notes"] = detail.notes.map(NoteCommand.json)
        object["activities"] = detail.activities.map(ActivityCommand.json)
        return try Output.json(object)
      }
      let s = detail.summary
      Output.fields([
        ("Deal", s.deal.title), ("ID", s.deal.id), ("Value", Output.money(s.deal.value)),
        ("Pipeline", s.pipelineName), ("Stage", s.stageName),
        ("Priority", s.deal.priority.rawValue),
        ("Close", s.deal.closeDate?.description), ("Owner", s.ownerName),
        ("Company", s.companyName),
        ("Lost reason", s.deal.lostReason),
        ("Contacts", detail.contacts.map { $0.contact.fullName }.joined(separator: ", ")),
      ])
      Output.line("\nStage history:")
      for entry in detail.stageHistory {
        Output.line(
          "  \(Output.local(entry.change.at))  \(entry.fromStageName.map { "\($0) → " } ?? "")\(entry.toStageName)  (\(Output.duration(entry.duration)))"
        )
      }
      if !detail.notes.isEmpty {
        Output.line("\nNotes:")
        for note in detail.notes { Output.line("  \(Output.local(note.createdAt))  \(note.body)") }
      }
      if !detail.activities.isEmpty {
        Output.line("\nActivities:")
        for a in detail.activities {
          Output.line(
            "  \(Output.local(a.when))  \(a.kind.rawValue)  \(a.title)\(a.isDone ? "  (done)" : "")"
          )
        }
      }
    }
  }

  /// Flags shared by add and edit.
  struct Fields: ParsableArguments {
    @Option(help: "The deal's title.") var title: String?
    @Option(help: "The value, e.g. 1234.56 or 1,234.56.") var value: String?
    @Option(help: "ISO 4217 currency code (default: $CRM_CURRENCY, else the locale's, else USD).")
    var currency: String?
    @Option(help: "Owner name, email or id (\"\" for none).") var owner: String?
    @Option(help: "low, normal, high or urgent.") var priority: String?
    @Option(help: "Expected closing date, YYYY-MM-DD (\"\" for none).") var close: String?
    @Option(help: "Company name or id (\"\" for none).") var company: String?
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add a deal; prints its id.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var fields: Fields
    @Option(help: "Pipeline name or id (default: the first).") var pipeline: String?
    @Option(help: "Stage name or id (default: the pipeline's first).") var stage: String?
    @Option(help: "A contact id to link; repeat for more.") var contact: [String] = []

    func run() throws {
      guard let title = fields.title else {
        throw Model.ValidationError(field: "title", "is required (--title)")
      }
      let currency = try fields.currency.map(InputParsing.currency) ?? InputParsing.defaultCurrency
      let value =
        try fields.value.map { try InputParsing.money($0, currency: currency) }
        ?? Money(minorUnits: 0, currency: currency)
      let store = try global.openStore()
      let deal = try store.createDeal(
        DealDraft(
          title: title, value: value, pipeline: pipeline, stage: stage,
          owner: InputParsing.optional(fields.owner) ?? nil,
          priority: try fields.priority.map(InputParsing.priority) ?? .normal,
          closeDate: try InputParsing.optional(fields.close)?.map {
            try InputParsing.day($0, field: "close")
          }, company: InputParsing.optional(fields.company) ?? nil, contacts: contact))
      Output.line(deal.id)
    }
  }

  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Change a deal's fields; --stage or --pipeline moves it too, in the same change.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Deal id or unique prefix.") var id: String
    @OptionGroup var fields: Fields
    @Option(help: "Move to this pipeline (its first stage unless --stage).") var pipeline: String?
    @Option(help: "Move to this stage.") var stage: String?
    @Option(help: "Why the deal was lost (\"\" for none).") var reason: String?

    func run() throws {
      let store = try global.openStore()
      let current = try store.deal(id)
      var changes = DealChanges(
        title: fields.title, priority: try fields.priority.map(InputParsing.priority),
        owner: InputParsing.optional(fields.owner), company: InputParsing.optional(fields.company),
        lostReason: InputParsing.optional(reason), pipeline: pipeline, stage: stage)
      if let close = InputParsing.optional(fields.close) {
        changes.closeDate = .some(try close.map { try InputParsing.day($0, field: "close") })
      }
      let currency = try fields.currency.map(InputParsing.currency) ?? current.value.currency
      if let value = fields.value {
        changes.value = try InputParsing.money(value, currency: currency)
      } else if currency != current.value.currency {
        // The same amount in the new currency: 99.00 EUR becomes 99 JPY, 12.50 EUR cannot.
        var amount = current.value.decimalString
        if amount.contains(".") {
          while amount.hasSuffix("0") { amount.removeLast() }
          if amount.hasSuffix(".") { amount.removeLast() }
        }
        guard let money = Money(decimalString: amount, currency: currency) else {
          throw Model.ValidationError(
            field: "currency",
            "\(Output.money(current.value)) has more decimals than \(currency.code); give --value too"
          )
        }
        changes.value = money
      }
      try store.editDeal(current.id, changes)
    }
  }

  struct Move: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Move a deal to a stage; a lost stage needs --reason.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Deal id or unique prefix.") var id: String
    @Option(help: "Stage name or id.") var stage: String
    @Option(help: "Pipeline of the stage (default: the deal's).") var pipeline: String?
    @Option(help: "Why the deal was lost (for a lost stage).") var reason: String?

    func run() throws {
      try global.openStore().moveDeal(id, toStage: stage, pipeline: pipeline, lostReason: reason)
    }
  }

  struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Delete a deal (undo with `crm undo`).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var confirm: ConfirmOptions
    @Argument(help: "Deal id or unique prefix.") var id: String

    func run() throws {
      let store = try global.openStore()
      let deal = try store.deal(id)
      try confirm.confirm("Delete deal \"\(deal.title)\"?")
      try store.deleteDeal(deal.id)
    }
  }

  struct Link: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Link a contact to a deal.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Deal id or unique prefix.") var id: String
    @Option(help: "Contact id or unique prefix.") var contact: String
    @Option(help: "The contact's role in the deal, e.g. champion.") var role: String?

    func run() throws { try global.openStore().linkContact(contact, toDeal: id, role: role) }
  }

  struct Unlink: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Unlink a contact from a deal.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Deal id or unique prefix.") var id: String
    @Option(help: "Contact id or unique prefix.") var contact: String

    func run() throws { try global.openStore().unlinkContact(contact, fromDeal: id) }
  }
}
