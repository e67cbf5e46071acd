import XCTest

@testable import Server

/// An invite code is typed on a command line after `--invite`.
final class InviteCodeTests: XCTestCase {
  func testNoInviteCodeBeginsWithADashAndEachIsNew() {
    // Base64url begins with "-" once in 64: 20,000 codes would hold ~300 of them.
    var seen: Set<String> = []
    for _ in 0..<20_000 {
      let code = AccountSecrets.inviteCode()
      XCTAssertNotEqual(code.first, "-", code)
      XCTAssertEqual(code.count, 22, code)
      seen.insert(code)
    }
    XCTAssertEqual(seen.count, 20_000)
  }
}
