import Foundation
import Model

/// A realistic sample team for `crm init --demo`: four users, two pipelines, companies,
/// contacts, deals at every stage with histories that grew over past weeks, activities over
/// the coming weeks and notes. Deterministic for a given day, so screenshots and tests can
/// rely on it; everything is written through the ordinary write path.
extension Store {
  public func loadDemo(now: Date = Date()) throws {
    var random = DemoRandom(seed: 42)
    let day: TimeInterval = 86_400
    let past = now.addingTimeInterval(-60 * day)
    guard let me = try localUser() else {
      throw StoreError.conflict("the database is not initialized")
    }
    let team =
      try [me]
      + [
        ("Priya Nair", "priya@northwind.example", Role.manager),
        ("Marco Rossi", "marco@northwind.example", Role.rep),
        ("Lena Fischer", "lena@northwind.example", Role.rep),
      ].map {
        try createUser(User(name: $0.0, email: $0.1, role: $0.2, createdAt: past), now: past)
      }

    let partnerStages = [
      StageTemplate(name: "Lead", kind: .open, probability: 10, rotDays: 30),
      StageTemplate(name: "Intro call", kind: .open, probability: 30, rotDays: 21),
      StageTemplate(name: "Pilot", kind: .open, probability: 60, rotDays: 45),
      StageTemplate(name: "Contract", kind: .open, probability: 85, rotDays: 14),
      StageTemplate(name: "Signed", kind: .won, probability: 100, rotDays: nil),
      StageTemplate(name: "Dropped", kind: .lost, probability: 0, rotDays: nil),
    ]
    let pipelines = [
      try self.pipelines().first!,
      try createPipeline(name: "Partnerships", stages: partnerStages, now: past),
    ]

    let companySeeds: [(String, String, String, String)] = [
      ("Acme Logistics", "acme-logistics.example", "Logistics", "Rotterdam"),
      ("Blue Fjord Seafood", "bluefjord.example", "Food", "Bergen"),
      ("Cobalt Health", "cobalthealth.example", "Healthcare", "Boston"),
      ("Delta Print Works", "deltaprint.example", "Manufacturing", "Leeds"),
      ("Evergreen Schools", "evergreen-schools.example", "Education", "Portland"),
      ("Falcon Aero Parts", "falconaero.example", "Aerospace", "Toulouse"),
      ("Granite Legal", "granitelegal.example", "Legal", "Edinburgh"),
      ("Harbor Coffee Co", "harborcoffee.example", "Retail", "Seattle"),
      ("Iris Biotech", "irisbio.example", "Biotech", "Basel"),
      ("Juniper Hotels", "juniperhotels.example", "Hospitality", "Lisbon"),
      ("Kestrel Energy", "kestrel-energy.example", "Energy", "Aberdeen"),
      ("Lumen Studios", "lumenstudios.example", "Media", "Berlin"),
      ("München Maschinenbau", "mm-bau.example", "Manufacturing", "München"),
      ("北京 Trading", "beijing-trading.example", "Wholesale", "Beijing"),
    ]
    let companies = try companySeeds.enumerated().map { index, seed in
      try createCompany(
        Company(
          name: seed.0, domain: seed.1, phone: "+1 555 01\(String(format: "%02d", index))",
          address: PostalAddress(city: seed.3), industry: seed.2,
          ownerId: team[index % team.count].id, createdAt: past),
        now: past)
    }

    let first = [
      "Anna", "Ben", "Chloé", "David", "Elif", "Finn", "Grace", "Hiro", "Ines", "Jonas", "Kara",
      "Liam", "Maya", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera",
      "Wei", "Yusuf",
    ]
    let last = [
      "Schmidt", "Okafor", "Dubois", "Kim", "Yılmaz", "Larsen", "Hughes", "Tanaka", "García",
      "Weber", "Singh", "Murphy", "Cohen", "Silva", "Ivanova", "Costa", "Bennett", "Moreau",
      "Berg", "Patel", "Haddad", "Novak", "Zhang", "Demir",
    ]
    let titles = ["CEO", "Head of Operations", "Procurement Lead", "CTO", "Office Manager", "CFO"]
    var contacts: [Contact] = []
    for index in 0..<first.count {
      let company = companies[index % companies.count]
      let email =
        "\(first[index].lowercased().folding(options: .diacriticInsensitive, locale: nil)).\(last[index].lowercased().folding(options: .diacriticInsensitive, locale: nil))@\(company.domain!)"
        .replacingOccurrences(of: "ı", with: "i")
      contacts.append(
        try createContact(
          Contact(
            firstName: first[index], lastName: last[index], title: titles[index % titles.count],
            emails: [EmailAddress(email, type: .work)],
            phones: [
              PhoneNumber(
                "+44 20 7946 \(String(format: "%04d", 1000 + index * 37))",
                type: index % 3 == 0 ? .mobile : .work)
            ],
            tags: index % 4 == 0
              ? ["decision-maker"] : index % 5 == 0 ? ["newsletter", "vip"] : [],
            companyId: company.id, ownerId: team[index % team.count].id,
            emailOptOut: index % 7 == 6, createdAt: past),
          now: past))
    }

    let products = [
      "fleet tracking", "annual licence", "support plan", "onboarding package", "50 seats",
      "data migration", "pilot programme", "renewal", "upgrade to Pro", "training days",
      "integration project",
    ]
    let currencies: [Currency] = [.eur, .usd, .gbp]
    let lostReasons = [
      "Price too high", "Chose a competitor", "No budget this year", "No response",
    ]
    // Which stage each deal ends in takes turns within its pipeline, so every stage has
    // deals; the walk there draws from its own generator.
    var turns: [String: Int] = [:]
    var walk = DemoRandom(seed: 7)
    for index in 0..<44 {
      let pipeline = pipelines[index % 4 == 3 ? 1 : 0]
      let stages = try self.stages(pipelineId: pipeline.id)
      let company = companies[(index * 5) % companies.count]
      let created = now.addingTimeInterval(-Double(random.next(in: 5...55)) * day)
      let value = Int64(random.next(in: 12...480)) * 25_000 + Int64(random.next(in: 0...3)) * 1_250
      let deal = try createDeal(
        DealDraft(
          title: "\(company.name) — \(products[index % products.count])",
          value: Money(minorUnits: value, currency: currencies[index % currencies.count]),
          pipeline: pipeline.id, stage: stages[0].id, owner: team[index % team.count].id,
          priority: Priority.allCases[random.next(in: 0...3)],
          closeDate: Day(now, in: TimeZone(identifier: "UTC")!).adding(
            days: random.next(in: -20...60)),
          company: company.id,
          contacts: contacts.filter { $0.companyId == company.id }.prefix(2).map(\.id)),
        now: created)
      // Walk the deal forward through the open stages; some end won or lost.
      let target = turns[pipeline.id, default: 0] % stages.count
      turns[pipeline.id, default: 0] += 1
      var moment = created
      for step in 0..<target where stages[step + 1].kind == .open || step + 1 == target {
        let next = moment.addingTimeInterval(Double(walk.next(in: 1...6)) * day)
        // Never in the future: the rest of the walk squeezes into the time left.
        moment = next < now ? next : moment.addingTimeInterval(now.timeIntervalSince(moment) / 2)
        let stage = stages[step + 1]
        try moveDeal(
          deal.id, toStage: stage.id,
          lostReason: stage.kind == .lost ? lostReasons[index % lostReasons.count] : nil,
          now: moment)
        if stage.kind != .open { break }
      }
      if index % 3 == 0 {
        try createNote(
          Note(
            body: [
              "Spoke with procurement; they want a quote by end of month.",
              "Champion is keen but legal review takes ~2 weeks.",
              "Asked for a reference customer in their industry.",
            ][index % 3], authorId: team[index % team.count].id, dealId: deal.id,
            createdAt: moment),
          now: moment)
      }
      let kind: ActivityKind = [.call, .meeting, .task][index % 3]
      let start = now.addingTimeInterval(Double(random.next(in: -3 * 24...21 * 24)) * 3_600)
      let activity = Activity(
        kind: kind,
        title: [
          "Call about \(products[index % products.count])", "Demo with \(company.name)",
          "Send proposal to \(company.name)",
        ][index % 3],
        dueAt: kind == .task ? start : nil, startAt: kind == .task ? nil : start,
        endAt: kind == .task ? nil : start.addingTimeInterval(kind == .call ? 1_800 : 3_600),
        doneAt: start < now && index % 2 == 0 ? start : nil,
        assigneeId: team[index % team.count].id, reminders: [15],
        dealId: deal.id, contactId: contacts.first { $0.companyId == company.id }?.id,
        companyId: company.id, createdAt: created)
      try createActivity(activity, now: created)
    }
    for (index, contact) in contacts.enumerated() where index % 4 == 1 {
      try createNote(
        Note(
          body: "Met at the trade fair; interested in a follow-up after Q1.",
          authorId: team[index % team.count].id, contactId: contact.id, createdAt: past),
        now: past)
    }
  }
}

/// A small deterministic generator (SplitMix64), so the demo is the same on every machine.
struct DemoRandom {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func next(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }
}
