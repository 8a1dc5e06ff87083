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

    @Option(help: "Bus: transport between the peers, inproc or ipc.")
    var transport: BusBenchmark.Transport = .inproc

    @Option(help: ArgumentHelp(
        "Seconds each phase of the benchmark may take.",
        discussion: "A phase past it is stopped and named on stderr, and the command exits with status \(BenchPhase.exitStatus)."))
    var phaseDeadline: Int = BenchPhase.defaultDeadlineSeconds

    func validate() throws {
        guard phaseDeadline > 0 else { throw ValidationError("--phase-deadline must be a positive number of seconds") }
    }

    func run() async throws {
        #if DEBUG
        FileHandle.standardError.write(Data("note: debug build; figures are only meaningful with -c release\n".utf8))
        #endif
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("songdal-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let phases = BenchPhase(deadline: .seconds(phaseDeadline))
        let notifier = area == .notifier ? try sibling("songdal-notifier") : nil
        let work = Task { try await measure(phases: phases, scratch: scratch, notifier: notifier) }
        phases.whenOverrun { work.cancel() }
        let figures: [(key: String, value: String)]
        do {
            figures = try await withTaskCancellationHandler { try await work.value } onCancel: { work.cancel() }
        } catch {
            guard let overrun = phases.overrun else { throw error }
            BenchPhase.standardError("songdal bench \(area.rawValue): \(overrun)\n")
            throw ExitCode(BenchPhase.exitStatus)
        }
        for figure in figures { print("\(figure.key): \(figure.value)") }
    }

    /// The area's benchmark; every phase runs under `phases`' deadline.
    private func measure(phases: BenchPhase, scratch: URL, notifier: URL?) async throws -> [(key: String, value: String)] {
        let phase = phases.hook
        switch area {
        case .bus: return try await BusBenchmark(count: count ?? 200_000, transport: transport, phases: phases).run()
        case .identity: return try await IdentityBenchmark.run(count: count, directory: scratch, phase: phase)
        case .vault: return try await VaultBenchmark.run(count: count, directory: scratch, phase: phase)
        case .billing: return try await BillingBenchmark.run(count: count, directory: scratch, phase: phase)
        case .reminder: return try await ReminderBenchmark.run(count: count, directory: scratch, phase: phase)
        case .notifier: return try await NotifierBenchmark.run(count: count, directory: scratch, notifierExecutable: notifier, phase: phase)
        case .gateway: return try await GatewayBenchmark.run(count: count, directory: scratch, connections: connections, phase: phase)
        }
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
