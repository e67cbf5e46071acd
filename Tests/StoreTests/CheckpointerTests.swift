import Foundation
import XCTest

@testable import Store

/// The TUI's checkpoints run on a queue of their own; the store may close (the TUI quits)
/// while one runs.
final class CheckpointerTests: StoreTestCase {
  /// A checkpoint still running when the store lets go of its checkpointer: the work on the
  /// queue held the checkpointer, whose `deinit` then ran on that queue and waited for it
  /// (dispatch traps: the process crashed as the TUI quit).
  func testTheStoreClosingWhileACheckpointRunsDoesNotCrash() throws {
    for _ in 0..<20 {
      var checkpointer: Checkpointer? = Checkpointer(path: path, interval: 1)
      checkpointer!.committed()
      checkpointer = nil
    }
    // Still a working file afterwards.
    XCTAssertEqual(try store.integrityCheck(), "ok")
  }
}
