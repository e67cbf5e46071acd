import ArgumentParser
import Foundation

/// Generates large databases through the Store and times the store's hot paths on them.
struct CRMBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "crm-bench",
    abstract: "Generate large CRM databases and time the store's hot paths on them.",
    subcommands: [
      Generate.self, Run.self, TUIMemory.self, ImportBenchCommand.self, SyncBenchCommand.self,
    ])
}

/// Wall-clock milliseconds from a monotonic clock.
func milliseconds(since start: UInt64) -> Double {
  Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
}
