import ArgumentParser
import BillingCore
import Foundation
import GatewayCore
import IdentityCore
import NotifierCore
import ReminderCore
import VaultCore

/// `songdal bench <area>`: runs an area's goal-sized workload (or `--count`), with its baseline
/// measured in the same run, and prints the headline figures as `key: value` lines.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure an area against its goal; prints `key: value` lines. Build with -c release first.")

    enum Area: String, ExpressibleByArgument, CaseIterable {
        case bus, identity, vault, billing, reminder, notifier, gateway
    }

    @Argument(help: "Area to measure: \(Area.allCases.map(\.rawValue).joined(separator: ", ")).")
    var area: Area

    @Option(help: "Messages or rows instead of the goal-sized default.")
    var count: Int?

    @Option(help: "Gateway: concurrent keep-alive connections (default \(GatewayBenchmark.defaultConnections)).")
    var connections: Int?

    @Option(help: "Transport between the peers: inproc, ipc or tcp.")
    var transport: BusBenchmark.Transport = .inproc

    func run() async throws {
        #if DEBUG
        FileHandle.standardError.write(Data("note: debug build; figures are only meaningful with -c release\n".utf8))
        #endif
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("songdal-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let figures: [(key: String, value: String)]
        switch area {
        case .bus: figures = try await BusBenchmark(count: count ?? 200_000, transport: transport).run()
        case .identity: figures = try await IdentityBenchmark.run(count: count, directory: scratch)
        case .vault: figures = try await VaultBenchmark.run(count: count, directory: scratch)
        case .billing: figures = try await BillingBenchmark.run(count: count, directory: scratch)
        case .reminder: figures = try await ReminderBenchmark.run(count: count, directory: scratch)
        case .notifier: figures = try await NotifierBenchmark.run(count: count, directory: scratch, notifierExecutable: try sibling("songdal-notifier"))
        case .gateway: figures = try await GatewayBenchmark.run(count: count, directory: scratch, connections: connections)
        }
        for figure in figures { print("\(figure.key): \(figure.value)") }
    }

    /// An executable built next to this one, so a service can be measured in a process of its own.
    private func sibling(_ name: String) throws -> URL {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let url = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw ValidationError("\(name) is not next to songdal (\(url.path)); build every product: swift build -c release")
        }
        return url
    }
}
