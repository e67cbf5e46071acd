import Foundation
import XCTest

final class ActivityTests: CLITestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initDatabase()
  }

  private func activity(_ id: String) throws -> [String: Any] {
    try jsonObject("activity", "show", id)
  }

  private func ids(_ args: String...) throws -> [String] {
    try jsonArray(args).compactMap { $0["id"] as? String }
  }

  func testTaskWithDue() throws {
    let deal = try add("deal", "add", "--title", "D")
    let id = try add(
      "activity", "add", "--title", "Call back", "--due", "2030-01-02 10:00", "--deal", deal,
      "--remind", "15m", "--remind", "1d")
    let shown = try activity(id)
    XCTAssertEqual(shown["kind"] as? String, "task")
    XCTAssertEqual(shown["title"] as? String, "Call back")
    XCTAssertEqual(shown["dueAt"] as? String, "2030-01-02T10:00:00Z")
    XCTAssertEqual(shown["dealId"] as? String, deal)
    XCTAssertEqual(shown["done"] as? Bool, false)
    XCTAssertTrue(shown["doneAt"] is NSNull)
    XCTAssertEqual(shown["reminders"] as? [Int], [15, 1440])
    XCTAssertTrue(isISO8601(shown["createdAt"]))
    assertCamelCaseKeys(shown)
    // It shows on the deal too.
    let onDeal = try XCTUnwrap(
      try jsonObject("deal", "show", deal)["activities"] as? [[String: Any]])
    XCTAssertEqual(onDeal.compactMap { $0["id"] as? String }, [id])
    XCTAssertEqual(try ids("activity", "list", "--deal", deal), [id])
  }

  func testMeetingWithStartAndEnd() throws {
    let id = try add(
      "activity", "add", "--kind", "meeting", "--title", "Kickoff", "--start", "2030-01-03 09:00",
      "--end", "2030-01-03 10:30")
    let shown = try activity(id)
    XCTAssertEqual(shown["kind"] as? String, "meeting")
    XCTAssertEqual(shown["startAt"] as? String, "2030-01-03T09:00:00Z")
    XCTAssertEqual(shown["endAt"] as? String, "2030-01-03T10:30:00Z")
  }

  func testEndBeforeStartRefused() throws {
    try refused(
      "activity", "add", "--kind", "meeting", "--title", "Backwards", "--start",
      "2030-01-03 09:00", "--end", "2030-01-03 08:00", naming: "end")
    let id = try add(
      "activity", "add", "--kind", "meeting", "--title", "M", "--start", "2030-01-03 09:00",
      "--end", "2030-01-03 10:00")
    try refused("activity", "edit", id, "--end", "2030-01-02 10:00", naming: "end")
    XCTAssertEqual(try activity(id)["endAt"] as? String, "2030-01-03T10:00:00Z")
  }

  func testRefusals() throws {
    try refused("activity", "add", "--due", "2030-01-01", naming: "title")
    try refused("activity", "add", "--title", "T", "--due", "someday", naming: "due", "someday")
    try refused("activity", "add", "--title", "T", "--kind", "party", naming: "kind")
    try refused("activity", "add", "--title", "T", "--deal", "ffffffff", naming: "ffffffff")
    try refused("activity", "add", "--title", "T", "--remind", "soon", naming: "remind")
    try refused("activity", "done", "ffffffff", naming: "ffffffff")
  }

  func testDoneHidesFromListUnlessAll() throws {
    let task = try add("activity", "add", "--title", "Task", "--due", "2030-01-02 10:00")
    let meeting = try add(
      "activity", "add", "--kind", "meeting", "--title", "Meet", "--start", "2030-01-03 09:00",
      "--end", "2030-01-03 10:00")
    XCTAssertEqual(try ids("activity", "list"), [task, meeting], "time order")

    try ok("activity", "done", task)
    let done = try activity(task)
    XCTAssertEqual(done["done"] as? Bool, true)
    XCTAssertTrue(isISO8601(done["doneAt"]))
    XCTAssertEqual(try ids("activity", "list"), [meeting])
    XCTAssertEqual(Set(try ids("activity", "list", "--all")), [task, meeting])

    try ok("activity", "done", task, "--undo")
    XCTAssertEqual(try activity(task)["done"] as? Bool, false)
    XCTAssertEqual(try ids("activity", "list"), [task, meeting])
  }

  func testListTimeWindowAndPaging() throws {
    let early = try add("activity", "add", "--title", "Early", "--due", "2030-01-01 09:00")
    let late = try add("activity", "add", "--title", "Late", "--due", "2030-02-01 09:00")
    XCTAssertEqual(try ids("activity", "list", "--from", "2030-01-15"), [late])
    XCTAssertEqual(try ids("activity", "list", "--to", "2030-01-15"), [early])
    XCTAssertEqual(try ids("activity", "list", "--limit", "1", "--offset", "1"), [late])
    try refused("activity", "list", "--from", "whenever", naming: "from")
  }

  func testEditAndDelete() throws {
    let id = try add("activity", "add", "--title", "Old", "--notes", "n")
    try ok("activity", "edit", id, "--title", "New", "--notes", "")
    let shown = try activity(id)
    XCTAssertEqual(shown["title"] as? String, "New")
    XCTAssertTrue(shown["notes"] is NSNull)
    try refused("activity", "delete", id, naming: "--yes")
    try ok("activity", "delete", id, "--yes")
    try refused("activity", "show", id, naming: id)
    try ok("undo")
    XCTAssertEqual(try activity(id)["title"] as? String, "New")
  }
}

final class NoteTests: CLITestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initDatabase()
  }

  func testBodyFromStandardInput() throws {
    let deal = try add("deal", "add", "--title", "D")
    let id = try add(
      "note", "add", "--body", "-", "--deal", deal, stdin: "First line\nSecond line\n")
    let shown = try jsonObject("note", "show", id)
    XCTAssertEqual(shown["body"] as? String, "First line\nSecond line")
    XCTAssertEqual(shown["dealId"] as? String, deal)
    XCTAssertTrue(shown["contactId"] is NSNull)
    XCTAssertTrue(isISO8601(shown["createdAt"]))
    assertCamelCaseKeys(shown)
    let notes = try XCTUnwrap(try jsonObject("deal", "show", deal)["notes"] as? [[String: Any]])
    XCTAssertEqual(notes.compactMap { $0["id"] as? String }, [id])
  }

  func testBodyFromArgumentOnContactAndCompany() throws {
    let contact = try add("contact", "add", "--first", "Ann")
    try add("company", "add", "--name", "Acme")
    let a = try add("note", "add", "--body", "Met at the fair", "--contact", contact)
    let b = try add("note", "add", "--body", "Renewal due", "--company", "Acme")
    XCTAssertEqual(
      try jsonArray("note", "list", "--contact", contact).compactMap { $0["id"] as? String }, [a])
    XCTAssertEqual(
      try jsonArray("note", "list", "--company", "Acme").compactMap { $0["id"] as? String }, [b])
    XCTAssertEqual(try jsonArray("note", "list").count, 2)
  }

  func testNoteWithoutLinkRefused() throws {
    let message = try refused("note", "add", "--body", "Floating")
    XCTAssertTrue(message.contains("deal") && message.contains("contact"), message)
    XCTAssertEqual(try jsonArray("note", "list").count, 0)
  }

  func testEmptyBodyRefused() throws {
    let deal = try add("deal", "add", "--title", "D")
    try refused("note", "add", "--body", "", "--deal", deal, naming: "body")
    try refused("note", "add", "--body", "-", "--deal", deal, naming: "body", stdin: "\n")
  }

  func testUnknownLinkRefused() throws {
    try refused("note", "add", "--body", "x", "--deal", "ffffffff", naming: "ffffffff")
  }

  func testEditFromStandardInputAndDelete() throws {
    let deal = try add("deal", "add", "--title", "D")
    let id = try add("note", "add", "--body", "v1", "--deal", deal)
    try ok("note", "edit", id, "--body", "-", stdin: "v2\n")
    XCTAssertEqual(try jsonObject("note", "show", id)["body"] as? String, "v2")
    try refused("note", "delete", id, naming: "--yes")
    try ok("note", "delete", id, "--yes")
    XCTAssertEqual(try jsonArray("note", "list").count, 0)
    try ok("undo")
    XCTAssertEqual(try jsonArray("note", "list").count, 1)
  }
}

final class UserTests: CLITestCase {
  func testAddAndList() throws {
    try initDatabase()
    let id = try add(
      "user", "add", "--name", "Lena Fischer", "--email", "lena@x.io", "--role", "manager")
    let users = try jsonArray("user", "list")
    let lena = try XCTUnwrap(users.first { $0["id"] as? String == id })
    XCTAssertEqual(lena["name"] as? String, "Lena Fischer")
    XCTAssertEqual(lena["role"] as? String, "manager")
    let deal = try add("deal", "add", "--title", "D", "--owner", "Lena Fischer")
    XCTAssertEqual(try jsonObject("deal", "show", deal)["owner"] as? String, "Lena Fischer")
    try refused("user", "add", "--name", "X", "--email", "x@x.io", "--role", "king", naming: "role")
    try refused("deal", "add", "--title", "D", "--owner", "Nobody", naming: "Nobody")
  }
}

/// Issue 5's options: --repeat, --priority, --location, --remind lists, reschedule, assign.
final class ActivityScheduleTests: CLITestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initDatabase()
  }

  private func activity(_ id: String) throws -> [String: Any] {
    try jsonObject("activity", "show", id)
  }

  func testRepeatPriorityLocationAndRemindersShowInJSON() throws {
    let id = try add(
      "activity", "add", "--kind", "meeting", "--title", "Standup", "--start", "2030-01-07 09:00",
      "--repeat", "weekly:mon,wed", "--until", "2030-02-28", "--priority", "high", "--location",
      "Room 1", "--remind", "15m,1d")
    let shown = try activity(id)
    let rule = try XCTUnwrap(shown["recurrence"] as? [String: Any])
    XCTAssertEqual(rule["frequency"] as? String, "weekly")
    XCTAssertEqual(rule["weekdays"] as? [String], ["mo", "we"])
    XCTAssertEqual(rule["interval"] as? Int, 1)
    XCTAssertEqual(rule["until"] as? String, "2030-02-28T23:59:59Z")
    XCTAssertTrue(rule["count"] is NSNull)
    XCTAssertEqual(shown["priority"] as? String, "high")
    XCTAssertEqual(shown["location"] as? String, "Room 1")
    XCTAssertEqual(shown["reminders"] as? [Int], [15, 1440])
    XCTAssertEqual(shown["overdue"] as? Bool, false)
    assertCamelCaseKeys(shown)
    // Every key is there on a plain activity too.
    let plain = try activity(try add("activity", "add", "--title", "Plain"))
    XCTAssertEqual(Set(plain.keys), Set(shown.keys))
    XCTAssertTrue(plain["recurrence"] is NSNull)
    XCTAssertEqual(plain["priority"] as? String, "normal")

    // --every and --count change the rule; --repeat none ends it.
    try ok("activity", "edit", id, "--every", "2", "--count", "5")
    let edited = try XCTUnwrap(try activity(id)["recurrence"] as? [String: Any])
    XCTAssertEqual(edited["interval"] as? Int, 2)
    XCTAssertEqual(edited["count"] as? Int, 5)
    XCTAssertTrue(edited["until"] is NSNull)
    try ok("activity", "edit", id, "--repeat", "none", "--location", "")
    XCTAssertTrue(try activity(id)["recurrence"] is NSNull)
    XCTAssertTrue(try activity(id)["location"] is NSNull)
  }

  func testBadRepeatInputIsRefusedNamingIt() throws {
    try refused(
      "activity", "add", "--title", "T", "--due", "2030-01-01", "--repeat", "yearly",
      naming: "repeat", "yearly")
    try refused(
      "activity", "add", "--title", "T", "--due", "2030-01-01", "--repeat", "weekly:funday",
      naming: "funday")
    try refused(
      "activity", "add", "--kind", "call", "--title", "Ring", "--start", "2030-01-01 10:00",
      "--repeat", "daily", naming: "repeat", "calls")
    try refused(
      "activity", "add", "--title", "T", "--due", "2030-01-01", "--repeat", "daily", "--until",
      "2030-02-01", "--count", "3", naming: "until", "count")
    let id = try add("activity", "add", "--title", "Once", "--due", "2030-01-01")
    try refused("activity", "edit", id, "--count", "3", naming: "repeat")
    try refused("activity", "edit", id, "--priority", "sky-high", naming: "priority")
    try refused("activity", "edit", id, "--remind", "soon", naming: "remind")
  }

  func testListShowsPriorityRepeatAndOverdue() throws {
    try add(
      "activity", "add", "--title", "Old task", "--due", "2020-01-01 10:00", "--priority", "low")
    try add(
      "activity", "add", "--kind", "meeting", "--title", "Weekly", "--start", "2030-01-07 09:00",
      "--repeat", "weekly")
    let table = try ok("activity", "list")
    let lines = table.split(separator: "\n").map(String.init)
    XCTAssertTrue(lines[0].contains("PRIORITY") && lines[0].contains("REPEATS"), table)
    XCTAssertTrue(lines[1].contains("Old task") && lines[1].contains("overdue"), table)
    XCTAssertTrue(lines[1].contains("low"), table)
    XCTAssertTrue(lines[2].contains("Weekly") && lines[2].contains("weekly"), table)
    let json = try jsonArray("activity", "list")
    XCTAssertEqual(json.map { $0["overdue"] as? Bool }, [true, false])
  }

  func testRescheduleByAndToKeepTheLength() throws {
    let id = try add(
      "activity", "add", "--kind", "meeting", "--title", "M", "--start", "2030-01-07 09:00",
      "--end", "2030-01-07 10:30")
    try ok("activity", "reschedule", id, "--by", "+1d")
    XCTAssertEqual(try activity(id)["startAt"] as? String, "2030-01-08T09:00:00Z")
    XCTAssertEqual(try activity(id)["endAt"] as? String, "2030-01-08T10:30:00Z")
    try ok("activity", "reschedule", id, "--by=-30m")
    XCTAssertEqual(try activity(id)["startAt"] as? String, "2030-01-08T08:30:00Z")
    try ok("activity", "reschedule", id, "--to", "2030-02-01 14:00")
    XCTAssertEqual(try activity(id)["startAt"] as? String, "2030-02-01T14:00:00Z")
    XCTAssertEqual(try activity(id)["endAt"] as? String, "2030-02-01T15:30:00Z")
    try ok("undo")
    XCTAssertEqual(try activity(id)["startAt"] as? String, "2030-01-08T08:30:00Z")
    try refused("activity", "reschedule", id, naming: "--by", "--to")
    try refused("activity", "reschedule", id, "--by", "soon", naming: "by")
    let undated = try add("activity", "add", "--title", "Someday")
    try refused("activity", "reschedule", undated, "--by", "+1d", naming: "no time")
  }

  func testAssignAndDoneUndo() throws {
    let id = try add("activity", "add", "--title", "T", "--due", "2030-01-01")
    let me = try activity(id)["assigneeId"] as? String
    XCTAssertNotNil(me)
    try ok("activity", "assign", id, "")
    XCTAssertTrue(try activity(id)["assigneeId"] is NSNull)
    try refused("activity", "assign", id, "Nobody", naming: "Nobody")
    try ok("activity", "done", id)
    XCTAssertEqual(try activity(id)["done"] as? Bool, true)
    try ok("activity", "done", id, "--undo")
    XCTAssertEqual(try activity(id)["done"] as? Bool, false)
  }
}
