import Bus
import Foundation
import Logging
import Runtime
import Schema
import Store
import Synchronization
import ZeroMQ

/// The benchmark's bus: a broker, the real notifier (in this process, or the `songdal-notifier`
/// executable in its own), a synthetic identity responder, vault and billing sinks that count
/// what arrives, and a client.
final class BenchCluster: Sendable {
    /// The benchmark's "now", inside the sending window: 11:00 KST on the first business day after
    /// today (KST), by `calendar`. Computed from today rather than fixed, so that the separate
    /// notifier's clock offset (real time → this instant) never goes stale.
    static func benchInstant(calendar: BusinessCalendar, now: Date = Date()) throws -> Date {
        KST.instant(try calendar.nextBusinessDay(after: KST.localDate(of: now)), hour: 11)
    }

    /// The instant the in-process clock starts at, and the separate notifier's clock is offset to.
    let instant: Date
    let client: BusEndpoint
    private let broker: Broker
    private let tasks: [Task<Void, Never>]
    private let notifierProcess: Process?
    private let socketPath: String?
    private let usage = Counter()
    private let evidence = Counter()

    /// A shareable atomic count.
    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    var counts: (usage: Int, evidence: Int) { (usage.value.load(ordering: .relaxed), evidence.value.load(ordering: .relaxed)) }

    init(directory: URL, calendar: BusinessCalendar, notifierExecutable: URL?) async throws {
        let context = try Context()
        var logger = Logger(label: "notifier-bench")
        logger.logLevel = .error
        // A separate notifier process needs a bus it can reach; ipc needs no CURVE keys, but its
        // path must fit a sockaddr_un (107 bytes), so it lives in /tmp under a short name.
        let socketPath = "/tmp/songdal-bench-\(UUID().uuidString.prefix(8)).sock"
        self.socketPath = notifierExecutable == nil ? nil : socketPath
        let bus = notifierExecutable == nil ? "inproc://notifier-bench-\(UUID().uuidString)" : "ipc://\(socketPath)"
        broker = try Broker(configuration: BrokerConfiguration(endpoint: bus), context: context, logger: logger)
        try broker.start()
        let instant = try Self.benchInstant(calendar: calendar)
        self.instant = instant
        let clock = FakeWallClock(instant)
        func endpoint(_ service: String, _ registry: MessageRegistry, migrations: [Migration] = []) throws -> (BusEndpoint, ServiceStore) {
            let store = try ServiceStore(directory: directory.appendingPathComponent(service), service: service, migrations: migrations)
            return (try BusEndpoint(configuration: EndpointConfiguration(service: service, brokerEndpoint: bus), store: store,
                                    registry: registry, context: context, logger: logger, now: { clock.now }), store)
        }
        let (identity, _) = try endpoint("identity", MessageRegistry(IdentityContract.messageTypes))
        let (vault, _) = try endpoint("vault", MessageRegistry([DocumentMetadataQuery.messageType, DocumentMetadata.messageType,
                                                               VaultEvidenceBatch.messageType, VaultEvidence.messageType]))
        let (billing, _) = try endpoint("billing", MessageRegistry([RecordUsage.messageType]))
        let (client, _) = try endpoint("gateway", MessageRegistry(NotifierContract.messageTypes))
        self.client = client
        identity.answer(ResolveBatch.self) { request, _ in
            ResolveBatchReply(results: request.cis.map { ci in
                let hash = UInt64(bitPattern: Int64(ci.hashValue))
                return .line(ResolvedLine(carrier: Carrier.allCases[Int(hash % 3)], phone: String(format: "010%08llu", hash % 100_000_000)))
            })
        }
        vault.answer(DocumentMetadataQuery.self) { query, answer in
            DocumentMetadata(documentId: query.documentId, packageId: "p", institution: "bench", fileName: "a.pdf", kind: "pdf", title: "t",
                             keywords: [], description: "", size: 1, contentHash: "00", registeredAt: answer.now,
                             retentionUntil: answer.now, legalHold: false, destroyedAt: nil)
        }
        let usage = self.usage, evidence = self.evidence
        vault.handle(VaultEvidenceBatch.self) { batch, _ in evidence.value.add(batch.items.count, ordering: .relaxed) }
        billing.handle(RecordUsage.self) { record, _ in usage.value.add(record.events.count, ordering: .relaxed) }
        let settings = ["sim_network": "bench-\(UUID().uuidString)", "sim_record_limit": "1000", "sim_journal": "off"]
        var peers = [identity, vault, billing, client]
        var tasks: [Task<Void, Never>] = []
        if let notifierExecutable {
            notifierProcess = try Self.launch(notifierExecutable, bus: bus, directory: directory, settings: settings, instant: instant)
        } else {
            notifierProcess = nil
            let (notifier, notifierStore) = try endpoint(NotifierService.name, NotifierService.registry, migrations: NotifierService.migrations)
            let parts = try await NotifierService.build(ServiceEnvironment(
                endpoint: notifier, store: notifierStore, clock: clock, calendar: calendar, logger: logger,
                directory: directory.appendingPathComponent("notifier-files"), settings: settings))
            peers.append(notifier)
            tasks += parts.map { part in Task { try? await part.run() } }
        }
        self.tasks = tasks + peers.map { endpoint in Task { try? await endpoint.run() } }
        do {
            for endpoint in peers {
                for _ in 0..<1_000 where !endpoint.isConnected { try await Task.sleep(for: .milliseconds(10)) }
            }
        } catch {
            await shutdown()  // cancelled (a phase deadline): no notifier process left behind
            throw error
        }
    }

    /// Starts `songdal-notifier` on the benchmark's bus, its clock offset to `instant` (real time
    /// then runs on from there, well inside the window for a run of minutes). The offset is
    /// passed as `--clock-offset=<n>`, so that a negative one is never read as a flag. The child
    /// watches this process as its supervisor: should the benchmark end without stopping it (a
    /// phase deadline's hard exit), it stops itself.
    private static func launch(_ executable: URL, bus: String, directory: URL, settings: [String: String], instant: Date) throws -> Process {
        let process = Process()
        process.executableURL = executable
        let offset = Int64((instant.timeIntervalSince1970 - Date().timeIntervalSince1970).rounded())
        process.arguments = ["--bus", bus, "--data-dir", directory.appendingPathComponent("notifier-data").path,
                             "--log-dir", directory.appendingPathComponent("logs").path, "--log-level", "error",
                             "--clock-offset=\(offset)"]
            + settings.sorted { $0.key < $1.key }.flatMap { ["--set", "\($0.key)=\($0.value)"] }
        var environment = ProcessInfo.processInfo.environment
        environment[SupervisedChild.supervisorEnvironmentKey] = String(getpid())
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Throws when the separate notifier process has died (its log is in `<work>/logs`).
    func checkNotifierAlive() throws {
        guard let notifierProcess, !notifierProcess.isRunning else { return }
        throw BenchmarkFailure.notifierExited(status: notifierProcess.terminationStatus)
    }

    /// The separate notifier's peak resident set in MB, read while it still runs; nil in process.
    func notifierPeakRSSMegabytes() -> Int? {
        guard let notifierProcess, notifierProcess.isRunning else { return nil }
        return NotifierBenchmark.peakRSSMegabytes(of: String(notifierProcess.processIdentifier))
    }

    func shutdown() async {
        if let notifierProcess, notifierProcess.isRunning {
            notifierProcess.terminate()
            // Waited for in a task of its own: when the caller is cancelled (a phase deadline), a
            // sleep there returns at once, and the notifier was left running. One that is still
            // shutting down after 20 s (mid-campaign it can take longer) is killed.
            let stopped = await Task.detached {
                for _ in 0..<2_000 where notifierProcess.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
                return !notifierProcess.isRunning
            }.value
            if !stopped {
                kill(notifierProcess.processIdentifier, SIGKILL)
                notifierProcess.waitUntilExit()
            }
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        broker.stop()
        if let socketPath { try? FileManager.default.removeItem(atPath: socketPath) }
    }

    /// Why a benchmark run could not finish.
    enum BenchmarkFailure: Error, CustomStringConvertible {
        case notifierExited(status: Int32)

        var description: String {
            switch self {
            case .notifierExited(let status): "songdal-notifier exited with status \(status) during the benchmark; see its log"
            }
        }
    }
}
