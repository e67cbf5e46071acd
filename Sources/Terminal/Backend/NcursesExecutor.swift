/// The one thread every ncurses call runs on. ncurses is not thread-safe, and reading input
/// blocks (for up to the read timeout), which must not stall Swift's cooperative pool, so
/// the ncurses actor runs its jobs here instead.
import Foundation

final class NcursesExecutor: SerialExecutor, @unchecked Sendable {
  static let shared = NcursesExecutor()

  // Guarded by `condition`.
  private let condition = NSCondition()
  private var jobs: [UnownedJob] = []

  private init() {
    let thread = Thread { [unowned self] in self.run() }
    thread.name = "ncurses"
    thread.start()
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  func asUnownedSerialExecutor() -> UnownedSerialExecutor {
    UnownedSerialExecutor(ordinary: self)
  }

  private func run() {
    while true {
      condition.lock()
      while jobs.isEmpty { condition.wait() }
      let job = jobs.removeFirst()
      condition.unlock()
      job.runSynchronously(on: asUnownedSerialExecutor())
    }
  }
}
