import Foundation
import Model
import Store
import XCTest

/// Every write appends one change-log entry per field it wrote, in the same transaction, and
/// nothing else: the log is what sync sends, undo reads and an audit shows.
final class ChangeLogTests: StoreTestCase {
  private let dealColumns: Set<String> = [
    "title", "valueMinor", "currency", "priority", "closeDate", "ownerId", "companyId",
    "pipelineId", "stageId", "position", "lostReason", "createdAt", "updatedAt",
    "stageChangedAt", "deleted",
  ]
  private let stageChangeColumns: Set<String> = [
    "dealId", "fromStageId", "toStageId", "at", "byUserId", "deleted",
  ]

  private func fields(_ entries: [ChangeEntry], _ entity: Entity, _ id: String? = nil)
    -> [String: String?]
  {
    var result: [String: String?] = [:]
    for entry in entries
    where entry.entity == entity.rawValue && (id == nil || entry.recordId == id) {
      XCTAssertFalse(result.keys.contains(entry.field), "\(entry.field) logged twice")
      result[entry.field] = .some(entry.value)
    }
    return result
  }

  func testCreateDealLogsEveryColumnAndTheFirstStageChange() throws {
    let qualification = try stage("Qualification")
    var deal: Deal!
    let entries = try appended { deal = try addDeal("Fleet tracking", eur(12_500_00)) }

    XCTAssertEqual(Set(entries.map(\.mutation)).count, 1, "one mutation")
    let dealFields = fields(entries, .deal, deal.id)
    XCTAssertEqual(Set(dealFields.keys), dealColumns)
    XCTAssertEqual(dealFields["title"], "Fleet tracking")
    XCTAssertEqual(dealFields["valueMinor"], "1250000")
    XCTAssertEqual(dealFields["currency"], "EUR")
    XCTAssertEqual(dealFields["stageId"], .some(qualification.id))
    XCTAssertEqual(dealFields["ownerId"], .some(try me().id))
    XCTAssertEqual(dealFields["closeDate"], .some(nil))
    XCTAssertEqual(dealFields["deleted"], "0")

    let changeIds = Set(entries.filter { $0.entity == Entity.stageChange.rawValue }.map(\.recordId))
    XCTAssertEqual(changeIds.count, 1)
    let change = fields(entries, .stageChange)
    XCTAssertEqual(Set(change.keys), stageChangeColumns)
    XCTAssertEqual(change["dealId"], .some(deal.id))
    XCTAssertEqual(change["fromStageId"], .some(nil))
    XCTAssertEqual(change["toStageId"], .some(qualification.id))
    XCTAssertEqual(entries.count, dealColumns.count + stageChangeColumns.count)

    let trail = try history(deal.id)
    XCTAssertEqual(trail.map(\.toStageName), ["Qualification"])
    XCTAssertNil(trail[0].fromStageName)
    XCTAssertEqual(trail[0].byUserName, "Alex Admin")
  }

  func testEditLogsOnlyTheChangedFieldsAndUpdatedAt() throws {
    let deal = try addDeal("Annual licence", eur(1_000_00))
    let at = tick()
    var entries = try appended {
      try store.editDeal(deal.id, DealChanges(title: "Annual licence (3 years)"), now: at)
    }
    XCTAssertEqual(Set(entries.map(\.field)), ["title", "updatedAt"])
    XCTAssertTrue(entries.allSatisfy { $0.recordId == deal.id })
    XCTAssertEqual(fields(entries, .deal)["title"], "Annual licence (3 years)")

    entries = try appended {
      try store.editDeal(
        deal.id, DealChanges(title: "Annual licence (3 years)", value: eur(2_500_00)),
        now: tick())
    }
    XCTAssertEqual(Set(entries.map(\.field)), ["valueMinor", "updatedAt"])

    entries = try appended {
      try store.editDeal(deal.id, DealChanges(value: usd(2_500_00)), now: tick())
    }
    XCTAssertEqual(Set(entries.map(\.field)), ["currency", "updatedAt"])
    XCTAssertEqual(try store.deal(deal.id).value, usd(2_500_00))
  }

  func testDealEditThatChangesNothingLeavesNoEntries() throws {
    let deal = try addDeal("Support plan", eur(900_00))
    let before = try snapshot()
    let same = DealChanges(
      title: "Support plan", value: eur(900_00), priority: .normal, closeDate: .some(nil),
      stage: "Qualification")
    XCTAssertEqual(try store.editDeal(deal.id, same, now: tick()).title, "Support plan")
    XCTAssertEqual(try snapshot(), before)
    XCTAssertEqual(try store.deal(deal.id), deal, "updatedAt did not move")
  }

  func testMoveLogsStageFieldsAndAppendsStageChange() throws {
    let deal = try addDeal("Data migration")
    try addDeal("Already in Proposal", stage: "Proposal")
    let proposal = try stage("Proposal")
    let at = tick()
    let entries = try appended {
      try store.moveDeal(deal.id, toStage: "Proposal", now: at)
    }
    let dealFields = fields(entries, .deal, deal.id)
    XCTAssertEqual(Set(dealFields.keys), ["stageId", "position", "stageChangedAt", "updatedAt"])
    XCTAssertEqual(dealFields["stageId"], .some(proposal.id))
    XCTAssertEqual(Set(fields(entries, .stageChange).keys), stageChangeColumns)
    XCTAssertEqual(Set(entries.map(\.mutation)).count, 1)

    let moved = try store.deal(deal.id)
    XCTAssertEqual(moved.stageId, proposal.id)
    XCTAssertEqual(moved.stageChangedAt, at)
    XCTAssertEqual(moved.updatedAt, at)
    let trail = try history(deal.id)
    XCTAssertEqual(trail.map(\.toStageName), ["Qualification", "Proposal"])
    XCTAssertEqual(trail[1].fromStageName, "Qualification")
    XCTAssertEqual(trail[1].change.at, at)
    XCTAssertEqual(trail[0].duration, at.timeIntervalSince(deal.createdAt))
  }

  func testStepMovesToTheNeighbouringStage() throws {
    let deal = try addDeal("Training days")
    try store.stepDeal(deal.id, by: 1, now: tick())
    XCTAssertEqual(try store.deal(deal.id).stageId, try stage("Contact made").id)
    try store.stepDeal(deal.id, by: -1, now: tick())
    XCTAssertEqual(try store.deal(deal.id).stageId, try stage("Qualification").id)
    XCTAssertEqual(try history(deal.id).count, 3)
  }

  func testReorderLogsOnlyPosition() throws {
    let a = try addDeal("A")
    let b = try addDeal("B")
    let c = try addDeal("C")
    XCTAssertEqual(try column("Qualification").cards.map(\.deal.id), [c.id, b.id, a.id])
    let entries = try appended { try store.reorderDeal(c.id, by: 1, now: tick()) }
    XCTAssertEqual(Set(entries.map(\.field)), ["position", "updatedAt"])
    XCTAssertTrue(entries.allSatisfy { $0.recordId == c.id })
    XCTAssertEqual(try column("Qualification").cards.map(\.deal.id), [b.id, c.id, a.id])
    try store.reorderDeal(c.id, by: 1, now: tick())
    XCTAssertEqual(try column("Qualification").cards.map(\.deal.id), [b.id, a.id, c.id])
    try store.reorderDeal(a.id, by: -1, now: tick())
    XCTAssertEqual(try column("Qualification").cards.map(\.deal.id), [a.id, b.id, c.id])
    XCTAssertEqual(try history(c.id).count, 1, "a reorder is not a stage change")
  }

  func testDeleteLogsTombstoneAndHidesTheDealEverywhere() throws {
    let keep = try addDeal("Renewal Kestrel", eur(300_00))
    let gone = try addDeal("Renewal Juniper", eur(700_00))
    let entries = try appended { try store.deleteDeal(gone.id, now: tick()) }
    XCTAssertEqual(entries.map(\.field), ["deleted"])
    XCTAssertEqual(entries.map(\.value), ["1"])
    XCTAssertEqual(entries.map(\.recordId), [gone.id])

    XCTAssertEqual(try store.deals().map(\.deal.id), [keep.id])
    let column = try column("Qualification")
    XCTAssertEqual(column.count, 1)
    XCTAssertEqual(column.totals, [eur(300_00)])
    XCTAssertEqual(column.cards.map(\.deal.id), [keep.id])
    XCTAssertEqual(try store.search("renewal").map(\.id), [keep.id])
    XCTAssertEqual(try store.count(.deal), 1)
    assertThrows(.notFound(entity: "deal", key: gone.id)) { try store.deal(gone.id) }
    assertThrows(.notFound(entity: "deal", key: gone.id)) {
      try store.editDeal(gone.id, DealChanges(title: "Back"), now: tick())
    }
  }

  /// Create, edit and delete of a record kind: all columns on create, the changed ones and
  /// `updatedAt` on edit, nothing on an edit that changes nothing, the tombstone on delete.
  private func checkLifecycle(
    _ entity: Entity, columns: Set<String>, create: () throws -> String,
    edit: (String) throws -> Void, editedFields: Set<String>, noopEdit: (String) throws -> Void,
    delete: (String) throws -> Void, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let countBefore = try store.count(entity)
    var id = ""
    var entries = try appended { id = try create() }
    XCTAssertEqual(Set(entries.map(\.recordId)), [id], file: file, line: line)
    XCTAssertEqual(Set(entries.map(\.field)), columns.union(["deleted"]), file: file, line: line)
    XCTAssertEqual(entries.count, columns.count + 1, file: file, line: line)
    XCTAssertEqual(try store.count(entity), countBefore + 1, file: file, line: line)

    entries = try appended { try edit(id) }
    XCTAssertEqual(Set(entries.map(\.field)), editedFields, file: file, line: line)
    XCTAssertEqual(Set(entries.map(\.mutation)).count, 1, file: file, line: line)

    entries = try appended { try noopEdit(id) }
    XCTAssertEqual(entries, [], "an edit that changes nothing", file: file, line: line)

    entries = try appended { try delete(id) }
    XCTAssertEqual(entries.map(\.field), ["deleted"], file: file, line: line)
    XCTAssertEqual(entries.map(\.value), ["1"], file: file, line: line)
    XCTAssertEqual(try store.count(entity), countBefore, file: file, line: line)
  }

  func testContactLifecycle() throws {
    try checkLifecycle(
      .contact,
      columns: [
        "firstName", "lastName", "title", "emails", "phones", "address", "tags", "companyId",
        "ownerId", "emailOptOut", "createdAt", "updatedAt",
      ],
      create: {
        try store.createContact(
          Contact(
            firstName: "Anna", lastName: "Schmidt", emails: [EmailAddress("anna@acme.example")]),
          now: tick()
        ).id
      },
      edit: { id in
        try store.editContact(id, now: tick()) { $0.phones = [PhoneNumber("+49 30 1234567")] }
      },
      editedFields: ["phones", "updatedAt"],
      noopEdit: { id in try store.editContact(id, now: tick()) { $0.firstName = "Anna" } },
      delete: { id in try store.deleteContact(id, now: tick()) })
    XCTAssertEqual(try store.contacts(), [])
  }

  func testCompanyLifecycle() throws {
    try checkLifecycle(
      .company,
      columns: [
        "name", "domain", "phone", "address", "industry", "ownerId", "createdAt", "updatedAt",
      ],
      create: {
        try store.createCompany(Company(name: "Acme", domain: "acme.example"), now: tick()).id
      },
      edit: { id in try store.editCompany(id, now: tick()) { $0.industry = "Logistics" } },
      editedFields: ["industry", "updatedAt"],
      noopEdit: { id in try store.editCompany(id, now: tick()) { $0.name = "Acme" } },
      delete: { id in try store.deleteCompany(id, now: tick()) })
    XCTAssertEqual(try store.companies(), [])
  }

  func testActivityLifecycle() throws {
    let deal = try addDeal("Pilot programme")
    try checkLifecycle(
      .activity,
      columns: [
        "kind", "title", "notes", "dueAt", "startAt", "endAt", "allDay", "doneAt", "assigneeId",
        "reminders", "dealId", "contactId", "companyId", "callDurationSeconds", "callDirection",
        "callOutcome", "recurrence", "priority", "location", "sourceId", "createdAt",
        "updatedAt",
      ],
      create: {
        try store.createActivity(
          Activity(kind: .call, title: "Call about pilot", startAt: clock, dealId: deal.id),
          now: tick()
        ).id
      },
      edit: { id in
        try store.editActivity(id, now: tick()) {
          $0.doneAt = self.clock
          $0.callOutcome = .voicemail
        }
      },
      editedFields: ["doneAt", "callOutcome", "updatedAt"],
      noopEdit: { id in try store.editActivity(id, now: tick()) { $0.callOutcome = .voicemail } },
      delete: { id in try store.deleteActivity(id, now: tick()) })
    XCTAssertEqual(try store.activities(), [])
  }

  func testNoteLifecycle() throws {
    let deal = try addDeal("Onboarding package")
    try checkLifecycle(
      .note,
      columns: ["body", "authorId", "dealId", "contactId", "companyId", "createdAt", "updatedAt"],
      create: {
        try store.createNote(Note(body: "Wants a quote", dealId: deal.id), now: tick()).id
      },
      edit: { id in try store.editNote(id, now: tick()) { $0.body = "Wants a quote by Friday" } },
      editedFields: ["body", "updatedAt"],
      noopEdit: { id in try store.editNote(id, now: tick()) { $0.body = "Wants a quote by Friday" }
      },
      delete: { id in try store.deleteNote(id, now: tick()) })
    XCTAssertEqual(try store.notes(deal: deal.id), [])
  }

  func testLinkingAContactLogsTheLinkAndShowsInTheDeal() throws {
    let deal = try addDeal("50 seats")
    let contact = try store.createContact(
      Contact(firstName: "Ben", lastName: "Okafor", createdAt: clock), now: tick())
    var entries = try appended {
      try store.linkContact(contact.id, toDeal: deal.id, role: "champion")
    }
    XCTAssertEqual(Set(entries.map(\.entity)), [Entity.dealContact.rawValue])
    XCTAssertEqual(Set(entries.map(\.field)), ["dealId", "contactId", "role", "deleted"])
    let detail = try store.dealDetail(deal.id)
    XCTAssertEqual(detail.contacts.map(\.contact), [contact])
    XCTAssertEqual(detail.contacts.map(\.role), ["champion"])

    entries = try appended { try store.unlinkContact(contact.id, fromDeal: deal.id) }
    XCTAssertEqual(entries.map(\.field), ["deleted"])
    XCTAssertTrue(try store.dealDetail(deal.id).contacts.isEmpty)
  }

  func testEveryEntryCarriesIncreasingClockLocalActorAndSite() throws {
    let setUp = try lastSeq()
    let deal = try addDeal("Upgrade to Pro")
    try store.editDeal(deal.id, DealChanges(value: eur(42_00)), now: tick())
    try store.moveDeal(deal.id, toStage: "Negotiation", now: tick())
    let contact = try store.createContact(
      Contact(firstName: "Chloé", lastName: "Dubois"), now: tick())
    try store.createNote(Note(body: "Met at the fair", contactId: contact.id), now: tick())
    try store.undo(now: tick())
    try store.redo(now: tick())
    // A wall clock that went backwards still gives later clock readings.
    try store.editDeal(
      deal.id, DealChanges(title: "Upgrade to Pro+"), now: clock.addingTimeInterval(-86_400))

    let entries = try log()
    XCTAssertGreaterThan(entries.count, 40)
    let me = try me()
    for (earlier, later) in zip(entries, entries.dropFirst()) {
      XCTAssertLessThan(earlier.seq, later.seq)
      XCTAssertLessThan(earlier.hlc, later.hlc, "entries \(earlier.seq) and \(later.seq)")
    }
    XCTAssertTrue(entries.filter { $0.seq > setUp }.allSatisfy { $0.actor == me.id })
    XCTAssertTrue(entries.allSatisfy { $0.hlc.site == store.site })
    XCTAssertEqual(
      try store.changes(recordId: contact.id).map(\.recordId),
      Array(repeating: contact.id, count: 13))
  }

  func testClockKeepsIncreasingAcrossReopening() throws {
    try addDeal("Before the restart")
    let last = try XCTUnwrap(log().last).hlc
    store = nil
    store = try Store(path: path)
    let entries = try appended {
      try store.createDeal(
        DealDraft(title: "After the restart", value: eur(1)), now: clock.addingTimeInterval(-3_600))
    }
    XCTAssertGreaterThan(try XCTUnwrap(entries.first).hlc, last)
  }

  func testChangesOfOneRecordPageInOrder() throws {
    let deal = try addDeal("Integration project")
    for n in 1...5 {
      try store.editDeal(deal.id, DealChanges(title: "Integration project v\(n)"), now: tick())
    }
    let all = try store.changes(recordId: deal.id)
    XCTAssertEqual(all.count, 15 + 5 * 2)
    let firstPage = try store.changes(recordId: deal.id, limit: 10)
    let secondPage = try store.changes(
      recordId: deal.id, limit: 100, afterSeq: try XCTUnwrap(firstPage.last).seq)
    XCTAssertEqual(firstPage + secondPage, all)
    XCTAssertEqual(
      all.filter { $0.field == "title" }.map(\.value),
      ["Integration project"] + (1...5).map { "Integration project v\($0)" })
  }
}
