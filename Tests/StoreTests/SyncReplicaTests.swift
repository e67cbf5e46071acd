import Foundation
import Model
import Store
import XCTest

/// Two real replicas in one temporary directory: `store` (this client) and `remote`
/// (another client of the team, whose pushed changes stand for what the server relays).
/// The server itself is not needed to test the Store's side: a pull page is the other
/// replica's changes, with their clocks and actors.
class SyncTestCase: StoreTestCase {
  var remote: Store!
  var cursor: Int64 = 0
  let serverSite = SiteID(0x5e5e_5e5e_5e5e_5e5e)

  /// The team account this replica joins as.
  var account: SyncAccount {
    SyncAccount(
      server: "http://127.0.0.1:9", userId: "0190aaaa-0000-7000-8000-000000000001",
      teamId: "team-1", name: "Alex Admin", email: "alex@example.com", role: .admin)
  }

  override func setUpWithError() throws {
    try super.setUpWithError()
    remote = try Store(path: directory.appendingPathComponent("remote.sqlite").path)
    try remote.initialize(localUserName: "Bea Remote", now: tick())
  }

  override func tearDownWithError() throws {
    remote = nil
    try super.tearDownWithError()
  }

  var remoteUser: User { get throws { try XCTUnwrap(remote.localUser()) } }

  /// What the remote replica wrote since the last call, as the server would relay it: its
  /// pushed changes, and the team's users, which the server publishes as its own records
  /// (clients never push users).
  func remoteChanges() throws -> [FieldChange] {
    let mutations = try remote.pendingMutations(limit: 100_000)
    if let last = mutations.last { try remote.markPushed(throughSeq: last.seq) }
    return try publishedUsers() + mutations.flatMap(\.changes)
  }

  /// The remote's users as the server publishes them, with the server's clock of their
  /// last change (the same each time, so a user sent again changes nothing).
  func publishedUsers() throws -> [FieldChange] {
    let format = DateFormatter()
    format.locale = Locale(identifier: "en_US_POSIX")
    format.timeZone = TimeZone(identifier: "UTC")
    format.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
    return try remote.users().flatMap { user in
      let hlc = HLC(
        millis: UInt64(user.updatedAt.timeIntervalSince1970 * 1000), counter: 0, site: serverSite)
      let fields: [(String, FieldValue)] = [
        ("name", .text(user.name)), ("email", .text(user.email)),
        ("role", .text(user.role.rawValue)),
        ("createdAt", .text(format.string(from: user.createdAt))),
        ("updatedAt", .text(format.string(from: user.updatedAt))), ("deleted", .integer(0)),
      ]
      return fields.map {
        FieldChange(entity: "user", id: user.id, field: $0.0, value: $0.1, hlc: hlc)
      }
    }
  }

  /// The server's clock as of the test clock.
  var serverClock: HLC {
    HLC(millis: UInt64(clock.timeIntervalSince1970 * 1000), counter: 0, site: serverSite)
  }

  @discardableResult
  func apply(_ changes: [FieldChange]) throws -> PullApplyReport {
    cursor += 1
    return try store.applyPulled(changes, cursor: cursor, serverClock: serverClock, now: tick())
  }

  /// This replica joins the team untouched and takes everything the remote has written.
  @discardableResult
  func joinAndBootstrap() throws -> PullApplyReport {
    try store.joinTeam(account, mergeLocalWork: false, now: tick())
    return try apply(remoteChanges())
  }

  func remoteDeal(_ title: String, stage: String? = nil) throws -> Deal {
    try remote.createDeal(DealDraft(title: title, value: eur(500_00), stage: stage), now: tick())
  }

  /// Another site's clock at the test clock plus `seconds`.
  func hlc(_ seconds: TimeInterval = 0, site: SiteID = SiteID(0x0b0b_0b0b_0b0b_0b0b)) -> HLC {
    HLC(
      millis: UInt64((clock.timeIntervalSince1970 + seconds) * 1000), counter: 0, site: site)
  }
}

final class SyncReplicaTests: SyncTestCase {
  func testAFirstPullBringsEveryKindOfRecordTheRemoteWrote() throws {
    let company = try remote.createCompany(Company(name: "Initech"), now: tick())
    let contact = try remote.createContact(
      Contact(
        firstName: "Peter", lastName: "Gibbons", emails: [EmailAddress("peter@initech.com")],
        companyId: company.id), now: tick())
    let deal = try remote.createDeal(
      DealDraft(
        title: "TPS reports", value: eur(900_00), company: company.id,
        contacts: [contact.id]), now: tick())
    try remote.moveDeal(deal.id, toStage: "Proposal", now: tick())
    let activity = try remote.createActivity(
      Activity(kind: .call, title: "Call Peter", dueAt: tick(), dealId: deal.id), now: tick())
    let note = try remote.createNote(Note(body: "Likes staplers", dealId: deal.id), now: tick())
    let colleague = try remote.createUser(
      User(name: "Milton", email: "milton@initech.com", role: .rep, createdAt: clock), now: tick())
    try remote.saveReport(
      name: "Open deals", spec: ReportSpec(entity: .deals),
      now: tick())
    let changes = try remoteChanges()
    XCTAssertEqual(Set(changes.map(\.entity)), Set(Entity.allCases.map(\.rawValue)))

    try store.joinTeam(account, mergeLocalWork: false, now: tick())
    let report = try apply(changes)
    XCTAssertEqual(report.skipped, [])
    // A field written twice (the deal's stage, by the move) is written once, the later.
    let fields = Set(changes.map { "\($0.entity) \($0.id) \($0.field)" })
    XCTAssertEqual(report.applied, fields.count)
    XCTAssertEqual(report.ignored, changes.count - fields.count)
    XCTAssertEqual(try store.deal(deal.id).title, "TPS reports")
    XCTAssertEqual(try store.deal(deal.id).stageId, try remote.deal(deal.id).stageId)
    XCTAssertEqual(try store.contact(contact.id), try remote.contact(contact.id))
    XCTAssertEqual(try store.company(company.id), try remote.company(company.id))
    XCTAssertEqual(try store.activity(activity.id), try remote.activity(activity.id))
    XCTAssertEqual(try store.note(note.id), try remote.note(note.id))
    XCTAssertEqual(try store.savedReports().map(\.name), ["Open deals"])
    XCTAssertEqual(Set(try store.users().map(\.id)), [try remoteUser.id, colleague.id])
    XCTAssertEqual(try history(deal.id).map(\.toStageName), ["Qualification", "Proposal"])
    // The triggers' tables: search, the board's totals, the contact list.
    XCTAssertEqual(try store.search("staple", in: [.deal]).map(\.id), [])
    XCTAssertEqual(try store.search("TPS").map(\.id), [deal.id])
    XCTAssertEqual(try store.search("peter@init").map(\.id), [contact.id])
    let pipeline = try XCTUnwrap(store.pipelines().first)
    let board = try XCTUnwrap(store.board(pipelineId: pipeline.id))
    XCTAssertEqual(board.columns.first { $0.stage.name == "Proposal" }?.totals, [eur(900_00)])
    XCTAssertEqual(try store.contactPage(search: "gibb").rows.map(\.contact.id), [contact.id])
    // Nothing pulled is pushed back, and nothing pulled is undone.
    XCTAssertEqual(try store.syncStatus().pending, 0)
    XCTAssertEqual(try store.syncStatus().cursor, cursor)
    XCTAssertNil(try store.undoLabel())
  }
}
