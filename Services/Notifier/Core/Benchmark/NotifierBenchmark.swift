import Bus
import Foundation
import Logging
import Runtime
import Schema
import Store
import Synchronization
import ZeroMQ

/// `songdal bench notifier`: a campaign of `count` (default 1,000,000) notices through the real
/// pipeline — CSV streamed in, CIs resolved in batches of 10,000 over the bus by a synthetic
/// identity responder, zero-latency simulated carriers, fake clock inside the window — until
/// every notice is delivered and billing and the vault have received every usage and evidence
/// item (counted by sinks). Figures: `seconds`, `rate` (notices/s), `rss` (peak MB of the
/// whole process: broker, notifier and the three sinks).
public enum NotifierBenchmark {
    public static func run(count: Int?, directory: URL) async throws -> [(key: String, value: String)] {
        let total = max(count ?? 1_000_000, 1)
        let work = directory.appendingPathComponent("notifier-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let csv = work.appendingPathComponent("campaign.csv")
        try writeCampaign(rows: total, to: csv)

        let cluster = try await BenchCluster(directory: work, calendar: try BusinessCalendar.load(from: try BusinessCalendar.defaultURL()))
        let started = ContinuousClock.now
        let campaign = try await cluster.client.request(StartCampaign(
            institution: "bench", path: csv.path, name: "bench", title: "지방세 고지", coverText: "지방세 고지서가 도착했습니다.",
            documentId: "doc-bench"), timeoutMilliseconds: 30_000)
        var delivered = 0
        while true {
            let progress = try await cluster.client.request(
                CampaignProgressQuery(campaignId: campaign.campaignId, institution: "bench", badRowLimit: 0), timeoutMilliseconds: 30_000)
            delivered = progress.count(.delivered)
            let sinks = cluster.counts
            if delivered + progress.count(.failed) + progress.count(.unreachable) >= total, sinks.usage >= delivered, sinks.evidence >= delivered {
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        await cluster.shutdown()
        return [
            ("seconds", String(format: "%.1f", seconds)),
            ("rate", String(Int(Double(delivered) / max(seconds, 1e-9)))),
            ("rss", String(peakRSSMegabytes())),
            ("delivered", String(delivered)),
        ]
    }

    /// `ci` rows of syntactically valid CIs, written in chunks.
    static func writeCampaign(rows: Int, to url: URL) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = "ci\n"
        for n in 0..<rows {
            var bytes = [UInt8](repeating: 0x5a, count: 64)
            for index in 0..<8 { bytes[index] = UInt8((n >> (8 * index)) & 0xff) }
            buffer += Data(bytes).base64EncodedString()
            buffer += "\n"
            if buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer = ""
            }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
    }

    /// Peak resident set (VmHWM) of this process in MB.
    static func peakRSSMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return -1 }
        return kilobytes / 1024
    }
}

/// The benchmark's in-process bus: broker, the real notifier, a synthetic identity responder,
/// vault and billing sinks that count what arrives, and a client.
final class BenchCluster: Sendable {
    let client: BusEndpoint
    private let broker: Broker
    private let tasks: [Task<Void, Never>]
    private let usage = Counter()
    private let evidence = Counter()

    /// A shareable atomic count.
    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    var counts: (usage: Int, evidence: Int) { (usage.value.load(ordering: .relaxed), evidence.value.load(ordering: .relaxed)) }

    init(directory: URL, calendar: BusinessCalendar) async throws {
        let context = try Context()
        var logger = Logger(label: "notifier-bench")
        logger.logLevel = .error
        let bus = "inproc://notifier-bench-\(UUID().uuidString)"
        broker = try Broker(configuration: BrokerConfiguration(endpoint: bus), context: context, logger: logger)
        try broker.start()
        let clock = FakeWallClock(Date(timeIntervalSince1970: 1_795_399_200))
        func endpoint(_ service: String, _ registry: MessageRegistry, migrations: [Migration] = []) throws -> (BusEndpoint, ServiceStore) {
            let store = try ServiceStore(directory: directory.appendingPathComponent(service), service: service, migrations: migrations)
            return (try BusEndpoint(configuration: EndpointConfiguration(service: service, brokerEndpoint: bus), store: store,
                                    registry: registry, context: context, logger: logger, now: { clock.now }), store)
        }
        let (notifier, notifierStore) = try endpoint(NotifierService.name, NotifierService.registry, migrations: NotifierService.migrations)
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
        let parts = try await NotifierService.build(ServiceEnvironment(
            endpoint: notifier, store: notifierStore, clock: clock, calendar: calendar, logger: logger,
            directory: directory.appendingPathComponent("notifier-files"),
            settings: ["sim_network": "bench-\(UUID().uuidString)", "sim_record_limit": "1000", "sim_journal": "off"]))
        tasks = [notifier, identity, vault, billing, client].map { endpoint in Task { try? await endpoint.run() } }
            + parts.map { part in Task { try? await part.run() } }
        for endpoint in [notifier, identity, vault, billing, client] {
            for _ in 0..<1_000 where !endpoint.isConnected { try await Task.sleep(for: .milliseconds(10)) }
        }
    }

    func shutdown() async {
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        broker.stop()
    }
}
