// swift-tools-version: 6.0
// The terminal CRM: layers as in DESIGN.md. Nothing imports upward.
import PackageDescription

let strict: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
  name: "crm",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "crm", targets: ["crm"]),
    .executable(name: "crm-bench", targets: ["crm-bench"]),
    // libFuzzer target for CSV; build it alone with -sanitize=fuzzer (scripts/fuzz).
    .executable(name: "crm-fuzz-csv", targets: ["crm-fuzz-csv"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
  ],
  targets: [
    // Value types and rules only: Foundation alone, no I/O.
    .target(name: "Model", swiftSettings: strict),
    // The client's SQLite database, its migrations and the one write path.
    .target(
      name: "Store",
      dependencies: ["Model", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: strict),
    // CSV, vCard and iCalendar: pure functions from bytes to Model values and back.
    .target(name: "Interchange", dependencies: ["Model"], swiftSettings: strict),
    // System ncursesw, with a shim for what Swift cannot import.
    .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
    // Cell grid, widgets and backends. Knows nothing about CRMs.
    .target(name: "Terminal", dependencies: ["CNcurses"], swiftSettings: strict),
    // The CRM's screens on top of Terminal.
    .target(
      name: "TUI", dependencies: ["Terminal", "Store", "Model", "Interchange"],
      swiftSettings: strict),
    .executableTarget(
      name: "crm",
      dependencies: [
        "Model", "Store", "Interchange", "TUI",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict,
      // A release crm is linked as a fixed-address (non-PIE) executable: the loader then
      // has ~4k relocations to apply at start instead of ~94k, and touches ~230 fewer pages
      // of the 97 MB static binary (measured with LD_DEBUG=statistics and perf stat).
      linkerSettings: [
        .unsafeFlags(
          ["-Xclang-linker", "-no-pie"], .when(platforms: [.linux], configuration: .release))
      ]),
    .executableTarget(
      name: "crm-bench",
      dependencies: [
        "Model", "Store", "TUI",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict),
    .executableTarget(
      name: "crm-fuzz-csv", dependencies: ["Interchange"], swiftSettings: strict,
      // So the program can ask dlsym whether libFuzzer is linked.
      linkerSettings: [.unsafeFlags(["-Xlinker", "--export-dynamic"])]),
    .testTarget(name: "ModelTests", dependencies: ["Model"], swiftSettings: strict),
    .testTarget(name: "StoreTests", dependencies: ["Store", "Model"], swiftSettings: strict),
    // Fixtures are read from the source tree by path (#filePath), not bundled.
    .testTarget(
      name: "InterchangeTests", dependencies: ["Interchange"], exclude: ["Fixtures"],
      swiftSettings: strict),
    .testTarget(name: "TerminalTests", dependencies: ["Terminal"], swiftSettings: strict),
    .testTarget(name: "TUITests", dependencies: ["TUI", "Store", "Model"], swiftSettings: strict),
    // Runs the built `crm` binary as a user would, against real database files.
    .testTarget(name: "CLITests", dependencies: ["crm", "Model"], swiftSettings: strict),
  ],
  swiftLanguageModes: [.v6]
)
