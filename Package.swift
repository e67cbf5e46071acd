// swift-tools-version: 6.1
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
    .executable(name: "crm-server", targets: ["crm-server"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    // The sync server and its client. Hummingbird's optional traits (swift-configuration,
    // full Foundation) are left off: a clean build is minutes shorter without them.
    .package(
      url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1", traits: []),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", exact: "2.8.1"),
    .package(url: "https://github.com/hummingbird-project/swift-websocket", exact: "1.6.2"),
    .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
    .package(url: "https://github.com/vapor/jwt-kit", exact: "5.8.0"),
    .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
    .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
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
    // Wire types shared by client and server, and the client: HTTP, tokens, WebSocket.
    .target(
      name: "Sync",
      dependencies: [
        "Model", "Store",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "WSClient", package: "swift-websocket"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strict),
    // The sync server: accounts, roles, the sync endpoints, REST and OpenAPI. Keeps its own
    // SQLite database (through GRDB); never opens a client's.
    .target(
      name: "Server",
      dependencies: [
        "Model", "Sync",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
        .product(name: "JWTKit", package: "jwt-kit"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strict),
    .executableTarget(
      name: "crm-server",
      dependencies: [
        "Server", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict),
    .executableTarget(
      name: "crm",
      dependencies: [
        "Model", "Store", "Interchange", "TUI", "Sync",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict,
      // A release crm is linked as a fixed-address (non-PIE) executable: the loader then
      // has ~4k relocations to apply at start instead of ~94k, and touches ~230 fewer pages
      // of the 97 MB static binary (measured with LD_DEBUG=statistics and perf stat). It
      // also looks for libraries in .build-static-libs first (`scripts/static-libs` fills
      // it): SQLite, ncurses and libstdc++ are then linked in, ~2 ms off every start
      // (ncurses then needs terminfo named; it is a dependency of the shared ncursesw).
      linkerSettings: [
        .unsafeFlags(
          [
            "-Xclang-linker", "-no-pie", "-L", Context.packageDirectory + "/.build-static-libs",
            "-ltinfo",
          ], .when(platforms: [.linux], configuration: .release))
      ]),
    .executableTarget(
      name: "crm-bench",
      dependencies: [
        "Model", "Store", "TUI", "Sync", "Server",
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
    // The server in-process and as a real process on loopback.
    .testTarget(
      name: "ServerTests",
      dependencies: [
        "Server", "Sync", "Model", "crm-server",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      swiftSettings: strict),
    // Client and server end to end: real crm-server processes, real client databases.
    .testTarget(
      name: "SyncTests",
      dependencies: [
        "Sync", "Store", "Model", "Server", "crm-server", "crm",
        // The convergence test reads every replica's tables and the server's log itself.
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strict),
  ],
  swiftLanguageModes: [.v6]
)
