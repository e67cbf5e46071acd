import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// The fixture board plus a few companies and contacts, written at fixed moments so the
/// lists, details and timelines are the same on every run: Ann (Acme, vip, linked to the
/// Acme renewal deal, with a note and a call), Bob (Globex), Chloé (no company, partner)
/// and Zed (no email).
class ListTestCase: TUITestCase {
  var contactIds: [String: String] = [:]
  var companyIds: [String: String] = [:]

  override func setUpWithError() throws {
    try super.setUpWithError()
    let at = Self.now.addingTimeInterval(-10 * 86_400)
    let me = try store.localUser()?.id
    for (name, domain, industry) in [
      ("Acme Corp", "acme.example", "Logistics"), ("Globex", "globex.example", "Energy"),
      ("Initech", "initech.example", "Software"),
    ] {
      let company = try store.createCompany(
        Company(name: name, domain: domain, industry: industry, ownerId: me, createdAt: at),
        now: at)
      companyIds[name] = company.id
    }
    let seeds: [(String, String, String?, String?, String?, [String])] = [
      ("Ann", "Archer", "ann@acme.example", "+1 555 0100", "Acme Corp", ["vip"]),
      ("Bob", "Baker", "bob@globex.example", "+1 555 0101", "Globex", []),
      ("Chloé", "Dubois", "chloe@partner.example", nil, nil, ["partner"]),
      ("Zed", "Young", nil, "+44 20 7946 0000", "Initech", []),
    ]
    for (index, seed) in seeds.enumerated() {
      let created = at.addingTimeInterval(Double(index) * 60)
      let contact = try store.createContact(
        Contact(
          firstName: seed.0, lastName: seed.1, title: index == 0 ? "CEO" : nil,
          emails: seed.2.map { [EmailAddress($0)] } ?? [],
          phones: seed.3.map { [PhoneNumber($0)] } ?? [], tags: seed.5,
          companyId: seed.4.map { companyIds[$0]! }, ownerId: me, createdAt: created),
        now: created)
      contactIds[seed.0] = contact.id
    }
    let ann = contactIds["Ann"]!
    try store.editContact(ann, now: at.addingTimeInterval(3_600)) {
      $0.title = "Chief Executive"
      $0.tags = ["vip", "golf"]
    }
    try store.linkContact(ann, toDeal: id("Acme renewal"))
    try store.createNote(
      Note(
        body: "Met Ann at the fair.", contactId: ann,
        createdAt: Self.now.addingTimeInterval(-2 * 86_400)))
    try store.createActivity(
      Activity(
        kind: .call, title: "Call Ann about the renewal",
        startAt: Self.now.addingTimeInterval(-86_400 / 2),
        doneAt: Self.now.addingTimeInterval(-86_400 / 2), contactId: ann,
        createdAt: Self.now.addingTimeInterval(-86_400)))
    try store.moveDeal(
      id("Acme renewal"), toStage: "Proposal", now: Self.now.addingTimeInterval(-3_600))
  }

  /// Opens view `number` and waits (the driver runs effects at once) for its first page.
  func openView(_ number: Character) {
    start()
    press(.char(number))
  }

  var contactNames: [String] { state.contacts.contacts.map(\.contact.fullName) }
  var companyNames: [String] { state.companies.companies.map(\.company.name) }
}
