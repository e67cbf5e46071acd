import Foundation
import Model
import Server
import Store
import Sync

/// One seeded random history of a team: replicas (an admin, a manager and reps) doing random
/// work offline and online, syncing in random orders through faulty exchanges; then every
/// replica syncs until quiet and `check` says where they, and the server, differ.
///
///     let history = try ConvergenceHistory(seed: 42, template: path, directory: dir, ...)
///     try await history.run(steps: 40)
///     let problems = try await history.settleAndCheck()   // [] when everything converged
final class ConvergenceHistory {
  let seed: UInt64
  private(set) var random: SplitMix64
  let team: String
  let replicas: [ConvergenceReplica]
  private let clock: SimulatedClock
  private let server: ConvergenceServer
  /// Whether each replica is offline now (its work waits; it does not sync).
  private var offline: [Bool]
  /// Records created in this history, by anyone; a replica that has not pulled one yet, or
  /// holds it deleted, simply fails the operation, which is then not counted.
  private var deals: [String] = []
  private var contacts: [String] = []
  private var companies: [String] = []
  private var activities: [String] = []
  private var notes: [String] = []
  private(set) var operations = 0
  private(set) var failedOperations = 0
  /// Records per pull page: small, so records and their fields cross page boundaries.
  let pageLimit: Int

  static let stages = StageTemplate.defaults.map(\.name)
  static let titles = ["ACME renewal", "Globex upsell", "Initech pilot", "Hooli seats", "Umbrella"]
  static let names = ["Ada", "Grace", "Linus", "Barbara", "Ken", "Edsger"]
  static let words = ["call back", "sent quote", "budget approved", "legal review", "on hold"]

  init(
    seed: UInt64, replicaCount: Int, template: String, directory: URL, clock: SimulatedClock,
    server: ConvergenceServer
  ) throws {
    self.seed = seed
    random = SplitMix64(seed: seed)
    self.clock = clock
    self.server = server
    team = UUIDv7.generate(now: clock.now())
    let drawn = random.int(1...6)
    pageLimit =
      ProcessInfo.processInfo.environment["CONVERGENCE_PAGE_LIMIT"].flatMap { Int($0) } ?? drawn
    let roles: [Role] =
      [.admin, .manager] + Array(repeating: .rep, count: max(0, replicaCount - 2))
    var replicas: [ConvergenceReplica] = []
    for index in 0..<replicaCount {
      let name = "r\(index)-\(roles[index].rawValue)"
      let user = AuthenticatedUser(
        userId: UUIDv7.generate(now: clock.now()), teamId: team, role: roles[index],
        name: Self.names[index % Self.names.count])
      try server.publish(
        UserInfo(
          id: user.userId, teamId: team, email: "\(name)@example.com", name: user.name,
          role: user.role, active: true))
      let path = directory.appendingPathComponent("\(name).sqlite").path
      try FileManager.default.copyItem(atPath: template, toPath: path)
      replicas.append(
        try ConvergenceReplica(
          name: name, path: path, user: user, skew: Double(random.int(-20_000...20_000)) / 1000,
          clock: clock, server: server))
    }
    self.replicas = replicas
    offline = Array(repeating: false, count: replicaCount)
  }

  /// The admin sets up the team's pipeline (and pushes it); then `steps` random steps.
  func run(steps: Int) async throws {
    let admin = replicas[0]
    try await admin.syncUntilQuiet(pageLimit: pageLimit)
    _ = try admin.store.createPipeline(name: "Sales", now: admin.now)
    admin.hasPipeline = true
    if random.chance(0.7) { try await admin.push(limit: 50) }
    for _ in 0..<steps {
      clock.advance(Double(random.int(0...1_500)) / 1000)
      let index = random.int(0...(replicas.count - 1))
      let replica = replicas[index]
      let roll = random.int(0...99)
      if roll < 5 {
        offline[index].toggle()
      } else if roll < 62 || offline[index] {
        try work(on: replica)
      } else if roll < 80 {
        try await replica.push(limit: random.int(1...8), fault: pushFault())
      } else {
        try await replica.pullPage(limit: pageLimit, fault: pullFault())
      }
    }
  }

  private func pushFault() -> PushFault {
    let roll = random.int(0...9)
    return roll == 0 ? .answerLost : roll == 1 ? .sentTwice : .none
  }

  private func pullFault() -> PullFault {
    let roll = random.int(0...11)
    return roll == 0 ? .dropped : roll == 1 ? .appliedTwice : roll == 2 ? .staleReplay : .none
  }

  /// Every replica syncs, round after round, until none has anything to push and every
  /// cursor is the server's latest; then the differences between replicas and the server.
  func settleAndCheck() async throws -> [String] {
    for round in 0..<8 {
      for replica in replicas { try await replica.syncUntilQuiet(pageLimit: pageLimit) }
      let latest = try server.latestSeq(team: team)
      var quiet = true
      for replica in replicas {
        if try replica.pending > 0 || replica.cursor != latest { quiet = false }
      }
      if quiet { break }
      if round == 7 { return ["the replicas never became quiet"] }
    }
    return try check()
  }

  /// Where the replicas differ from the first and the server from the first, and what any
  /// replica could not apply.
  func check() throws -> [String] {
    let serverState = try server.state(team: team)
    var problems = replicas.flatMap(\.skipped)
    let states = try replicas.map { replica in
      (replica.name, try Self.visible(replica, server: serverState))
    }
    for (name, state) in states.dropFirst() {
      problems += states[0].1.differences(from: state).map { "\(states[0].0) vs \(name): \($0)" }
    }
    problems += serverState.differences(from: states[0].1, fieldsOfThis: true).map {
      "server vs \(states[0].0): \($0)"
    }
    return problems
  }

  /// A replica's visible state without the records it alone holds as tombstones: creations
  /// the server refused, undone here and never part of the team's data.
  static func visible(_ replica: ConvergenceReplica, server: VisibleState) throws -> VisibleState {
    var state = try VisibleState.read(replicaAt: replica.store.path)
    for (key, fields) in state.records
    where server.records[key] == nil && fields["deleted"] == true.databaseValue {
      state.records[key] = nil
    }
    return state
  }

  // MARK: - Work

  /// One random local operation. Operations the Store refuses (a record not pulled yet or
  /// deleted, nothing to undo, a deal already first) count as failed and change nothing.
  private func work(on replica: ConvergenceReplica) throws {
    operations += 1
    do {
      try operation(on: replica)
    } catch is StoreError {
      failedOperations += 1
    } catch is ValidationError {
      failedOperations += 1
    }
  }

  private func operation(on replica: ConvergenceReplica) throws {
    let store = replica.store
    let now = replica.now
    let roll = random.int(0...99)
    // Until the pipeline arrives, a replica works on contacts and companies only.
    switch replica.hasPipeline ? roll : 36 + roll % 19 {
    case 0..<8:
      let deal = try store.createDeal(
        DealDraft(
          title: random.pick(Self.titles)!,
          value: Money(minorUnits: Int64(random.int(1...50)) * 1000, currency: .eur),
          stage: random.pick(Self.stages)!,
          company: random.chance(0.3) ? random.pick(companies) : nil),
        now: now)
      deals.append(deal.id)
    case 8..<14:
      _ = try store.editDeal(
        try pick(deals), DealChanges(title: random.pick(Self.titles)!), now: now)
    case 14..<18:
      _ = try store.editDeal(
        try pick(deals),
        DealChanges(value: Money(minorUnits: Int64(random.int(1...50)) * 1000, currency: .eur)),
        now: now)
    case 18..<21:
      _ = try store.editDeal(
        try pick(deals), DealChanges(priority: random.pick(Priority.allCases)!), now: now)
    case 21..<27:
      _ = try store.moveDeal(
        try pick(deals), toStage: random.pick(Self.stages)!, lostReason: "price", now: now)
    case 27..<31:
      _ = try store.reorderDeal(try pick(deals), by: random.chance(0.5) ? -1 : 1, now: now)
    case 31..<33:
      _ = try store.deleteDeal(try pick(deals), now: now)
    case 33..<36:
      // A deal handed to another member (a rep's own deal stops being theirs).
      let owner = random.pick(replicas)!.user.userId
      _ = try store.editDeal(try pick(deals), DealChanges(owner: .some(owner)), now: now)
    case 36..<41:
      let contact = try store.createContact(
        Contact(
          firstName: random.pick(Self.names)!, lastName: "Smith",
          companyId: random.chance(0.3) ? random.pick(companies) : nil, createdAt: now),
        now: now)
      contacts.append(contact.id)
    case 41..<45:
      _ = try store.editContact(try pick(contacts), now: now) {
        $0.firstName = self.random.pick(Self.names)!
        if self.random.chance(0.5) { $0.title = self.random.pick(Self.words) }
      }
    case 45..<48:
      let company = try store.createCompany(
        Company(name: random.pick(Self.titles)! + " Ltd", createdAt: now), now: now)
      companies.append(company.id)
    case 48..<51:
      _ = try store.editCompany(try pick(companies), now: now) {
        $0.industry = self.random.pick(Self.words)
      }
    case 51..<53:
      _ = try store.deleteContact(try pick(contacts), now: now)
    case 53..<55:
      _ = try store.deleteCompany(try pick(companies), now: now)
    case 55..<60:
      let activity = try store.createActivity(
        Activity(
          kind: random.chance(0.5) ? .task : .call, title: random.pick(Self.words)!,
          dueAt: now.addingTimeInterval(86_400), dealId: random.pick(deals), createdAt: now),
        now: now)
      activities.append(activity.id)
    case 60..<64:
      _ = try store.editActivity(try pick(activities), now: now) {
        $0.title = self.random.pick(Self.words)!
      }
    case 64..<67:
      _ = try store.setActivityDone(try pick(activities), random.chance(0.7), now: now)
    case 67..<69:
      _ = try store.deleteActivity(try pick(activities), now: now)
    case 69..<74:
      let note = try store.createNote(
        Note(body: random.pick(Self.words)!, dealId: try pick(deals), createdAt: now), now: now)
      notes.append(note.id)
    case 74..<77:
      _ = try store.editNote(try pick(notes), now: now) { $0.body += " (edited)" }
    case 77..<79:
      _ = try store.deleteNote(try pick(notes), now: now)
    case 79..<84:
      _ = try store.linkContact(try pick(contacts), toDeal: try pick(deals))
    case 84..<86:
      _ = try store.unlinkContact(try pick(contacts), fromDeal: try pick(deals))
    case 86..<94:
      _ = try store.undo(now: now)
    default:
      _ = try store.redo(now: now)
    }
  }

  private func pick(_ ids: [String]) throws -> String {
    guard let id = random.pick(ids) else { throw StoreError.notFound(entity: "record", key: "") }
    return id
  }
}
