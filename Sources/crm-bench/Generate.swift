import ArgumentParser
import Foundation
import Model
import Store

/// `crm-bench generate`: a large, realistic database made through the Store's write path.
struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Make a large, realistic database through the Store (deterministic for a seed).")

  @Option(help: "The database file to create.")
  var db: String

  @Option(help: "How many deals.")
  var deals = 10_000

  @Option(help: "How many contacts.")
  var contacts = 10_000

  @Option(help: "How many companies.")
  var companies = 1_000

  @Option(help: "How many activities.")
  var activities = 10_000

  @Option(help: "How many pipelines, each with the default stages.")
  var pipelines = 2

  @Option(help: "Seed of the pseudo-random generator.")
  var seed: UInt64 = 1

  @Option(help: "Records per transaction.")
  var batch = 5_000

  @Flag(help: "Replace the file if it exists.")
  var overwrite = false

  func validate() throws {
    for (value, name) in [(deals, "deals"), (contacts, "contacts"), (companies, "companies")]
    where value < 0 {
      throw ValidationError("--\(name) must not be negative")
    }
    if activities < 0 { throw ValidationError("--activities must not be negative") }
    if pipelines < 1 { throw ValidationError("--pipelines must be at least 1") }
    if batch < 1 { throw ValidationError("--batch must be at least 1") }
  }

  func run() throws {
    let url = URL(fileURLWithPath: db)
    if FileManager.default.fileExists(atPath: url.path) {
      guard overwrite else {
        throw ValidationError("\(db) exists; pass --overwrite to replace it")
      }
      for suffix in ["", "-wal", "-shm"] {
        try? FileManager.default.removeItem(atPath: url.path + suffix)
      }
    }
    let start = DispatchTime.now().uptimeNanoseconds
    var generator = Generator(seed: seed, batch: batch)
    let store = try Store(path: db)
    try generator.setUp(store, pipelines: pipelines)
    try generator.makeCompanies(store, count: companies)
    try generator.makeContacts(store, count: contacts)
    try generator.makeDeals(store, count: deals)
    try generator.makeActivities(store, count: activities)
    let total = milliseconds(since: start) / 1000
    let size = (try? FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) ?? 0
    print(
      "generated \(db) in " + String(format: "%.1f s", total)
        + " (\(generator.changeLogEntries) change-log entries, "
        + String(format: "%.0f MB)", Double(size) / 1_048_576))
  }
}

/// Makes the records, remembering the ids later records link to.
struct Generator {
  var random: SplitMix64
  let batch: Int
  let now = Date()
  private(set) var changeLogEntries = 0
  private var userIds: [String] = []
  private var stagesByPipeline: [[Stage]] = []
  private var companyList: [Company] = []
  private var contactIds: [String] = []
  /// Contact indexes per company index, so deals and activities link people of their company.
  private var contactsByCompany: [[Int]] = []
  private var dealList: [(id: String, companyIndex: Int?, contacts: [Int])] = []

  /// Whether the phases print nothing (for databases made inside `run`).
  let quiet: Bool

  init(seed: UInt64, batch: Int, quiet: Bool = false) {
    random = SplitMix64(seed: seed)
    self.batch = batch
    self.quiet = quiet
  }

  private static let day: TimeInterval = 86_400

  /// A moment in the past `days` days.
  private mutating func past(days: Int) -> Date {
    now.addingTimeInterval(-Double(random.int(0...(days * 86_400))))
  }

  mutating func setUp(_ store: Store, pipelines: Int) throws {
    let phase = Phase("users and pipelines", quiet: quiet)
    try store.initialize(localUserName: "Bench Admin")
    guard let me = try store.localUser() else { throw ValidationError("no local user") }
    userIds = [me.id]
    for (name, role) in Fixtures.users {
      let email = Fixtures.ascii(name) + "@northwind.example"
      let user = try store.createUser(
        User(name: name, email: email, role: Role(rawValue: role) ?? .rep))
      userIds.append(user.id)
    }
    let names = ["Partnerships", "Renewals", "Enterprise", "Channel", "Public sector"]
    for index in 1..<pipelines {
      let name = index <= names.count ? names[index - 1] : "Pipeline \(index + 1)"
      try store.createPipeline(name: name)
    }
    stagesByPipeline = try store.pipelines().map { try store.stages(pipelineId: $0.id) }
    phase.done(count: userIds.count + stagesByPipeline.count)
  }

  mutating func makeCompanies(_ store: Store, count: Int) throws {
    let phase = Phase("companies", quiet: quiet)
    var pending: [Company] = []
    let combinations = Fixtures.companyWords.count * Fixtures.companySuffixes.count
    for index in 0..<count {
      let word = Fixtures.companyWords[index % Fixtures.companyWords.count]
      let suffix = Fixtures.companySuffixes[
        (index / Fixtures.companyWords.count) % Fixtures.companySuffixes.count]
      let round = index / combinations
      let name = round == 0 ? "\(word) \(suffix)" : "\(word) \(suffix) \(round + 1)"
      let domain = Fixtures.ascii(word + suffix) + (round == 0 ? "" : "\(round + 1)") + ".example"
      let created = past(days: 900)
      pending.append(
        Company(
          name: name, domain: domain,
          phone: "+1 555 \(random.int(100...999)) \(random.int(1000...9999))",
          address: PostalAddress(
            street: "\(random.int(1...400)) Market Street", city: random.pick(Fixtures.cities)),
          industry: random.pick(Fixtures.industries), ownerId: random.pick(userIds),
          createdAt: created))
      if pending.count == batch || index == count - 1 {
        let result = try store.bulkInsert(companies: pending, label: "generate companies")
        changeLogEntries += result.changeLogEntries
        companyList += pending
        pending.removeAll(keepingCapacity: true)
        phase.progress(companyList.count, of: count)
      }
    }
    contactsByCompany = Array(repeating: [], count: companyList.count)
    phase.done(count: count)
  }

  mutating func makeContacts(_ store: Store, count: Int) throws {
    let phase = Phase("contacts", quiet: quiet)
    let firstASCII = Fixtures.firstNames.map(Fixtures.ascii)
    let lastASCII = Fixtures.lastNames.map(Fixtures.ascii)
    var pending: [Contact] = []
    pending.reserveCapacity(batch)
    for index in 0..<count {
      let f = random.int(0...(Fixtures.firstNames.count - 1))
      let l = random.int(0...(Fixtures.lastNames.count - 1))
      let companyIndex =
        !companyList.isEmpty && random.chance(85)
        ? random.int(0...(companyList.count - 1)) : nil
      let domain = companyIndex.flatMap { companyList[$0].domain } ?? "mail.example"
      var emails = [EmailAddress("\(firstASCII[f]).\(lastASCII[l]).\(index)@\(domain)")]
      if random.chance(20) {
        emails.append(EmailAddress("\(firstASCII[f])\(index)@home.example", type: .home))
      }
      var phones = [
        PhoneNumber(
          "+\(random.int(1...49)) \(random.int(100...999)) \(random.int(100_000...999_999))",
          type: random.chance(40) ? .mobile : .work)
      ]
      if random.chance(15) { phones.append(PhoneNumber("+1 555 \(random.int(1000...9999))")) }
      var tags: [String] = []
      for _ in 0..<random.weighted([50, 35, 15]) {
        let tag = random.pick(Fixtures.tags)
        if !tags.contains(tag) { tags.append(tag) }
      }
      let created = past(days: 800)
      let contact = Contact(
        firstName: Fixtures.firstNames[f], lastName: Fixtures.lastNames[l],
        title: random.chance(70) ? random.pick(Fixtures.titles) : nil, emails: emails,
        phones: phones,
        address: random.chance(30) ? PostalAddress(city: random.pick(Fixtures.cities)) : nil,
        tags: tags, companyId: companyIndex.map { companyList[$0].id },
        ownerId: random.pick(userIds), emailOptOut: random.chance(5), createdAt: created)
      pending.append(contact)
      if let companyIndex { contactsByCompany[companyIndex].append(contactIds.count) }
      contactIds.append(contact.id)
      if pending.count == batch || index == count - 1 {
        let result = try store.bulkInsert(contacts: pending, label: "generate contacts")
        changeLogEntries += result.changeLogEntries
        pending.removeAll(keepingCapacity: true)
        phase.progress(contactIds.count, of: count)
      }
    }
    phase.done(count: count)
  }

  mutating func makeDeals(_ store: Store, count: Int) throws {
    let phase = Phase("deals", quiet: quiet)
    let currencies: [Currency] = [.eur, .usd, .gbp]
    // Most deals sit in the first pipeline; early stages hold more, and a long history has
    // many won and lost deals.
    let pipelineWeights = stagesByPipeline.indices.map { $0 == 0 ? 6 : 2 }
    let stageWeights = [26, 18, 12, 8, 20, 16]
    var pending: [Deal] = []
    var links: [DealContact] = []
    var pendingMeta: [(id: String, companyIndex: Int?, contacts: [Int])] = []
    for index in 0..<count {
      let stages = stagesByPipeline[random.weighted(pipelineWeights)]
      let stage = stages[
        random.weighted(Array(stageWeights.prefix(stages.count))) % stages.count]
      let companyIndex =
        !companyList.isEmpty && random.chance(90)
        ? random.int(0...(companyList.count - 1)) : nil
      let currency = currencies[random.weighted([5, 3, 2])]
      let value = Int64(random.int(4...2_000)) * 5_000 + Int64(random.int(0...3)) * 2_500
      let created = past(days: 720)
      let sinceCreated = Int(now.timeIntervalSince(created))
      let stageChanged = created.addingTimeInterval(Double(random.int(0...max(0, sinceCreated))))
      let company = companyIndex.map { companyList[$0] }
      let deal = Deal(
        title: "\(company?.name ?? "Direct") — \(random.pick(Fixtures.products))",
        value: Money(minorUnits: value, currency: currency),
        priority: Priority.allCases[random.weighted([20, 55, 20, 5])],
        closeDate: random.chance(85)
          ? Day(now, in: TimeZone(identifier: "UTC")!).adding(days: random.int(-120...180)) : nil,
        ownerId: random.pick(userIds), companyId: company?.id, pipelineId: stage.pipelineId,
        stageId: stage.id, position: FractionalIndex.first,
        lostReason: stage.kind == .lost ? random.pick(Fixtures.lostReasons) : nil,
        createdAt: created, updatedAt: stageChanged, stageChangedAt: stageChanged)
      pending.append(deal)
      var linked: [Int] = []
      if let companyIndex, !contactsByCompany[companyIndex].isEmpty {
        let people = contactsByCompany[companyIndex]
        for _ in 0..<random.int(1...2) {
          let person = random.pick(people)
          if linked.contains(person) { continue }
          linked.append(person)
          links.append(
            DealContact(
              dealId: deal.id, contactId: contactIds[person],
              role: linked.count == 1 && random.chance(50) ? "champion" : nil))
        }
      }
      pendingMeta.append((deal.id, companyIndex, linked))
      if pending.count == batch || index == count - 1 {
        let result = try store.bulkInsert(
          deals: pending, dealContacts: links, label: "generate deals")
        changeLogEntries += result.changeLogEntries
        dealList += pendingMeta
        pending.removeAll(keepingCapacity: true)
        links.removeAll(keepingCapacity: true)
        pendingMeta.removeAll(keepingCapacity: true)
        phase.progress(dealList.count, of: count)
      }
    }
    phase.done(count: count)
  }

  mutating func makeActivities(_ store: Store, count: Int) throws {
    let phase = Phase("activities", quiet: quiet)
    var pending: [Activity] = []
    var made = 0
    for index in 0..<count {
      let kind = ActivityKind.allCases[random.weighted([45, 35, 20])]
      var dealId: String?
      var contactId: String?
      var companyId: String?
      if !dealList.isEmpty && random.chance(75) {
        let deal = random.pick(dealList)
        dealId = deal.id
        companyId = deal.companyIndex.map { companyList[$0].id }
        if let person = deal.contacts.first { contactId = contactIds[person] }
      } else if !contactIds.isEmpty {
        let person = random.int(0...(contactIds.count - 1))
        contactId = contactIds[person]
      }
      let when = now.addingTimeInterval(Double(random.int(-240 * 24...60 * 24)) * 3_600)
      let isPast = when < now
      let duration = kind == .call ? 900 : 3_600
      let callDone = kind == .call && isPast
      let activity = Activity(
        kind: kind,
        title: random.pick(Fixtures.activityTitles),
        notes: random.chance(20) ? "Discussed next steps and timeline." : nil,
        dueAt: kind == .task ? when : nil, startAt: kind == .task ? nil : when,
        endAt: kind == .task ? nil : when.addingTimeInterval(Double(duration)),
        doneAt: isPast && random.chance(85) ? when : nil, assigneeId: random.pick(userIds),
        reminders: random.chance(50) ? [15] : [], dealId: dealId, contactId: contactId,
        companyId: companyId,
        callDurationSeconds: callDone ? random.int(30...1_800) : nil,
        callDirection: callDone ? (random.chance(60) ? .outbound : .inbound) : nil,
        callOutcome: callDone ? CallOutcome.allCases[random.weighted([60, 20, 12, 5, 3])] : nil,
        createdAt: min(now, when.addingTimeInterval(-Double(random.int(0...30)) * Self.day)))
      pending.append(activity)
      if pending.count == batch || index == count - 1 {
        let result = try store.bulkInsert(activities: pending, label: "generate activities")
        changeLogEntries += result.changeLogEntries
        made += pending.count
        pending.removeAll(keepingCapacity: true)
        phase.progress(made, of: count)
      }
    }
    phase.done(count: count)
  }
}

/// Prints a phase's progress and its time.
final class Phase {
  let name: String
  let start = DispatchTime.now().uptimeNanoseconds
  let quiet: Bool
  private var printed = 0

  init(_ name: String, quiet: Bool = false) {
    self.name = name
    self.quiet = quiet
    if !quiet { print("\(name)…") }
  }

  /// Prints about every 20,000 records.
  func progress(_ done: Int, of total: Int) {
    guard !quiet, done - printed >= 20_000 || done == total else { return }
    printed = done
    print("  \(name) \(done) / \(total)  " + String(format: "%.1f s", seconds))
  }

  func done(count: Int) {
    guard !quiet else { return }
    let rate = seconds > 0 ? Double(count) / seconds : 0
    print("  \(name): \(count) in " + String(format: "%.2f s (%.0f/s)", seconds, rate))
  }

  private var seconds: Double { milliseconds(since: start) / 1000 }
}
