// swift-tools-version:6.2
import PackageDescription

// Songdal: separate executables over one ZeroMQ bus, sharing a Codable schema.
// Layout and reasons: docs/architecture.md §2. Every service has the same three targets
// (a testable Core library, a thin executable, a test target); `serviceTarget` builds them.

let grdb = Target.Dependency.product(name: "GRDB", package: "GRDB.swift")
let grdbSQLite = Target.Dependency.product(name: "GRDBSQLite", package: "GRDB.swift")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let lifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let hummingbirdTesting = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")
let prometheus = Target.Dependency.product(name: "Prometheus", package: "swift-prometheus")

var targets: [Target] = [
    // MARK: Shared
    .systemLibrary(
        name: "CZeroMQ", path: "Shared/CZeroMQ", pkgConfig: "libzmq",
        providers: [.apt(["libzmq3-dev"])]),
    .target(name: "ZeroMQ", dependencies: ["CZeroMQ"], path: "Shared/ZeroMQ"),
    .systemLibrary(
        name: "CSSL", path: "Shared/CSSL", pkgConfig: "openssl",
        providers: [.apt(["libssl-dev"])]),
    .target(name: "SongdalCrypto", dependencies: ["CSSL"], path: "Shared/Crypto"),
    .target(name: "Schema", path: "Shared/Schema"),
    // CSV reading and HTML escaping: the platform's one reader of each text format (issue 18).
    .target(name: "Formats", path: "Shared/Formats"),
    .target(
        name: "Runtime", dependencies: ["Schema", logging, metrics, lifecycle, argumentParser],
        path: "Shared/Runtime"),
    .target(name: "Store", dependencies: ["Schema", grdb, grdbSQLite, logging], path: "Shared/Store"),
    .target(
        name: "Bus",
        dependencies: ["ZeroMQ", "Schema", "Store", "Runtime", grdb, logging, metrics, lifecycle, argumentParser],
        path: "Shared/Bus"),
    .target(
        name: "SongdalTesting", dependencies: ["Bus", "Store", "Runtime", "Schema", "Formats", "ZeroMQ", grdb, logging],
        path: "Shared/Testing"),

    // MARK: Executables without a Core
    .executableTarget(
        name: "songdal-bus", dependencies: ["Bus", "Runtime", lifecycle, logging, argumentParser],
        path: "Services/Broker"),
    .executableTarget(
        name: "songdal",
        dependencies: [
            "Bus", "Runtime", "Schema", "Store", "ZeroMQ", "SongdalTesting", "SongdalCrypto",
            "VaultCore", "BillingCore", "ReminderCore", "IdentityCore", "NotifierCore", "GatewayCore",
            argumentParser, logging, lifecycle,
        ],
        path: "Services/CLI"),

    // MARK: Tests of the shared modules
    .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
    .testTarget(name: "CryptoTests", dependencies: ["SongdalCrypto"]),
    .testTarget(name: "SchemaTests", dependencies: ["Schema"]),
    .testTarget(name: "FormatsTests", dependencies: ["Formats"]),
    .testTarget(name: "RuntimeTests", dependencies: ["Runtime", "Schema", logging]),
    .testTarget(name: "StoreTests", dependencies: ["Store", "Runtime", "Schema", grdb]),
    .testTarget(
        name: "BusTests",
        dependencies: ["Bus", "Store", "Runtime", "Schema", "ZeroMQ", "SongdalTesting", grdb, logging, metrics]),
]

/// Adds the three targets every service has: `<Name>Core` (domain, handlers, migrations —
/// testable without ZeroMQ), the thin `songdal-<name>` executable, and `<Name>Tests`.
@MainActor func serviceTarget(
    _ name: String, dependencies: [Target.Dependency] = [], testDependencies: [Target.Dependency] = []
) {
    let core = "\(name)Core"
    targets.append(.target(
        name: core,
        dependencies: ["Schema", "Formats", "Store", "Runtime", "Bus", grdb, logging] + dependencies,
        path: "Services/\(name)/Core"))
    targets.append(.executableTarget(
        name: "songdal-\(name.lowercased())",
        dependencies: [.target(name: core), "Runtime", "Bus", lifecycle, logging],
        path: "Services/\(name)/Main"))
    targets.append(.testTarget(
        name: "\(name)Tests",
        dependencies: [.target(name: core), "SongdalTesting", "Schema", "Formats", "Store", "Runtime", "Bus", grdb] + dependencies + testDependencies))
}

serviceTarget("Identity", dependencies: ["SongdalCrypto"])
serviceTarget("Vault", dependencies: ["SongdalCrypto", metrics])
serviceTarget("Billing", dependencies: ["ZeroMQ", metrics])
serviceTarget("Reminder")
serviceTarget("Notifier", dependencies: ["SongdalCrypto", "ZeroMQ"])
serviceTarget(
    "Gateway", dependencies: ["SongdalCrypto", hummingbird, prometheus, metrics], testDependencies: [hummingbirdTesting])
// The real executables as separate processes under `songdal up` (they must be built first:
// `swift build --build-tests` builds every product).
targets.append(.testTarget(name: "ProcessTests", dependencies: ["Runtime"]))
targets.append(.testTarget(
    name: "SystemTests",
    dependencies: [
        "GatewayCore", "NotifierCore", "IdentityCore", "VaultCore", "BillingCore", "ReminderCore",
        "SongdalTesting", "SongdalCrypto", "Schema", "Store", "Runtime", "Bus", grdb, hummingbird, hummingbirdTesting,
    ]))

let package = Package(
    name: "Songdal",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "songdal", targets: ["songdal"]),
        .executable(name: "songdal-bus", targets: ["songdal-bus"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
