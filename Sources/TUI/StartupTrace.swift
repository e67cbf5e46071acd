import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// `CRM_TRACE_STARTUP=FILE`: each step of the TUI's start-up appends a line to FILE,
/// `<wall clock in µs since 1970> <CPU time of the process in µs> <step>` (followed by
/// `(thread N)` when not on the main thread), so a script that
/// noted when it started the process can tell what each step costs, in time and in CPU
/// (which a busy machine does not inflate; scripts/perf-contacts-vs-abook prints both).
///
///     StartupTrace.mark("store open")
///
/// Without the variable a mark costs one load of a cached nil.
public enum StartupTrace {
  // getenv, not ProcessInfo: that builds a dictionary of the whole environment.
  private static let file = Mutex<Int32?>(
    getenv("CRM_TRACE_STARTUP").flatMap { path in
      path.pointee == 0 ? nil : open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    }.flatMap { $0 >= 0 ? $0 : nil })

  /// Whether marks are written at all.
  public static var isOn: Bool { file.withLock { $0 != nil } }

  /// Appends `step` with the time now.
  public static func mark(_ step: @autoclosure () -> String) {
    file.withLock { fd in
      guard let fd else { return }
      var now = timespec()
      clock_gettime(CLOCK_REALTIME, &now)
      let micros = Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
      var cpu = timespec()
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu)
      let cpuMicros = Int64(cpu.tv_sec) * 1_000_000 + Int64(cpu.tv_nsec) / 1000
      // Steps run off the main thread say so: each hand-off is a wait for a core.
      let thread = Thread.isMainThread ? "" : " (thread \(pthread_self()))"
      let line = "\(micros) \(cpuMicros) \(step())\(thread)\n"
      _ = line.utf8CString.withUnsafeBufferPointer { bytes in
        write(fd, bytes.baseAddress, bytes.count - 1)
      }
    }
  }
}

extension Msg {
  /// The message's case without its payload (a page of 100k contacts is not for a trace).
  var traceName: String {
    // The label of the payload is the case's name; a case without one describes itself.
    Mirror(reflecting: self).children.first?.label ?? String(describing: self)
  }
}
