import Foundation
import Model
import Store
import Sync

/// The team's data for the sync cases, made fast: one real record of each kind is written
/// through the Store (a deal with its first stage change, a contact, a company, an
/// activity), and each of those mutations is copied under fresh ids and clocks until the
/// copies hold `records` records. Every copy carries exactly the fields a real record of its
/// kind carries, so the server and a bootstrapping client do the same work as for real data.
struct SyncBenchData {
  /// The copies, as the pushes will send them, in order.
  var mutations: [PushMutation]
  var records: Int
  var changes: Int

  /// Shares of the records: deals (each with its stage change), contacts, companies,
  /// activities.
  static let mix: [(kind: String, share: Int)] = [
    ("deal", 60), ("contact", 20), ("company", 10), ("activity", 10),
  ]

  static func make(records: Int, client: SyncBenchClient) throws -> SyncBenchData {
    let store = client.store
    let company = try store.createCompany(
      Company(name: "Initech", domain: "initech.example", industry: "Software"))
    let contact = try store.createContact(
      Contact(
        firstName: "Peter", lastName: "Gibbons", title: "Engineer",
        emails: [EmailAddress("peter@initech.example")], companyId: company.id))
    let deal = try store.createDeal(
      DealDraft(
        title: "TPS reports", value: Money(minorUnits: 12_000_00, currency: .eur),
        stage: "Proposal", company: company.id))
    _ = try store.createActivity(
      Activity(
        kind: .call, title: "Call Peter", dueAt: Date().addingTimeInterval(86_400),
        dealId: deal.id, contactId: contact.id))
    // The four samples are the last four pending mutations, in the order written.
    let samples = try store.pendingMutations(limit: 100_000).suffix(4)
    let byKind = Dictionary(
      uniqueKeysWithValues: zip(["company", "contact", "deal", "activity"], samples))
    var clock = HybridClock(site: store.site)
    var data = SyncBenchData(mutations: [], records: 0, changes: 0)
    var seq: Int64 = 10_000_000
    var copy = 0
    while data.records < records {
      for (kind, share) in mix {
        guard let sample = byKind[kind] else { throw BenchError("no sample \(kind) was written") }
        for _ in 0..<share where data.records < records {
          copy += 1
          seq += 1
          let wall = UInt64(Date().timeIntervalSince1970 * 1000)
          let mutation = Self.copy(sample, number: copy, seq: seq, clock: &clock, wall: wall)
          data.records += Set(mutation.changes.map { $0.entity + $0.id }).count
          data.changes += mutation.changes.count
          data.mutations.append(mutation)
        }
      }
    }
    return data
  }

  /// `sample` under fresh ids (references to its own records follow them), its names
  /// numbered, its clocks new.
  static func copy(
    _ sample: PendingMutation, number: Int, seq: Int64, clock: inout HybridClock, wall: UInt64
  ) -> PushMutation {
    var ids: [String: String] = [:]
    for change in sample.changes where ids[change.id] == nil {
      ids[change.id] = UUIDv7.generate()
    }
    let changes = sample.changes.map { change -> FieldChange in
      var value = change.value
      if case .text(let text) = value {
        if let renamed = ids[text] {
          value = .text(renamed)
        } else if ["title", "name", "lastName"].contains(change.field) {
          value = .text("\(text) \(number)")
        }
      }
      return FieldChange(
        entity: change.entity, id: ids[change.id]!, field: change.field, value: value,
        hlc: clock.tick(wallMillis: wall))
    }
    return PushMutation(
      seq: seq, id: UUIDv7.generate(), label: sample.label + " (copy \(number))",
      changes: changes)
  }
}
