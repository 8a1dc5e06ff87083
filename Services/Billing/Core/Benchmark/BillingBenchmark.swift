import Bus
import Foundation
import GRDB
import Runtime
import Schema
import Store

/// `songdal bench billing`: ingest rate of usage events over the bus, and the time to invoice a
/// month of 10,000,000 events for 10,000 institutions.
public enum BillingBenchmark {
    /// Runs one named phase of the benchmark; `songdal bench` passes one that enforces a deadline.
    public typealias Phase = @Sendable (_ name: String, _ body: () async throws -> Void) async throws -> Void

    /// `count` scales both workloads (events ingested; events behind the invoiced month).
    public static func run(count: Int?, directory: URL, phase: Phase = { _, body in try await body() })
        async throws -> [(key: String, value: String)] {
        let ingestEvents = count ?? 1_000_000
        let invoiceEvents = count ?? 10_000_000
        let institutions = max(1, min(10_000, invoiceEvents / 1_000))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var rate = 0.0, rateCPU = 0.0, seconds = 0.0
        try await phase("ingest") {
            (rate, rateCPU) = try await ingest(events: ingestEvents, directory: directory.appendingPathComponent("ingest-\(UUID().uuidString)"))
        }
        try await phase("invoicing") {
            seconds = try await invoicing(events: invoiceEvents, institutions: institutions,
                                          directory: directory.appendingPathComponent("invoicing-\(UUID().uuidString)"))
        }
        let none = (decode: 0.0, record: 0.0, decodeCPU: 0.0, recordCPU: 0.0)
        var profile = none, scattered = none
        try await phase("ledger profile") {
            profile = try await LedgerProfile.measure(events: min(ingestEvents, 200_000), runLength: 100,
                                                      directory: directory.appendingPathComponent("profile-\(UUID().uuidString)"))
        }
        try await phase("ledger profile, scattered") {
            scattered = try await LedgerProfile.measure(events: min(ingestEvents, 200_000), runLength: 1,
                                                        directory: directory.appendingPathComponent("scattered-\(UUID().uuidString)"))
        }
        return [
            ("ingest", String(Int(rate))),
            ("ingest_cpu", String(Int(rateCPU))),
            ("ingest_decode", String(Int(profile.decode))),
            ("ingest_record", String(Int(profile.record))),
            ("ingest_decode_cpu", String(Int(profile.decodeCPU))),
            ("ingest_record_cpu", String(Int(profile.recordCPU))),
            ("ingest_record_scattered", String(Int(scattered.record))),
            ("ingest_events", String(ingestEvents)),
            ("invoicing", String(format: "%.2f", seconds)),
            ("invoicing_events", String(invoiceEvents)),
            ("invoicing_institutions", String(institutions)),
        ]
    }

    /// 2026-11-02 10:00 KST.
    static let start = Date(timeIntervalSince1970: 1_793_581_200)
    /// 2026-12-01 09:00 KST, when November is invoiced.
    static let issuedAt = Date(timeIntervalSince1970: 1_796_083_200)

    /// Events/s from the producer's first send to billing having applied every batch, by the wall
    /// clock (the headline) and per CPU-second of the process (all threads: bus, producer, billing).
    static func ingest(events: Int, directory: URL, batch: Int = 1_000) async throws -> (wall: Double, cpu: Double) {
        let clock = FakeWallClock(start)
        let bus = try BenchmarkBus(directory: directory, clock: clock)
        defer { bus.stop(); try? FileManager.default.removeItem(at: directory) }
        let billing = try bus.member(BillingService.name, registry: BillingService.registry, migrations: BillingService.migrations)
        _ = try await BillingService.build(bus.environment(for: billing, settings: [:]))
        let producer = try bus.member("usage-producer", registry: MessageRegistry([RecordUsage.messageType]), migrations: [])
        try await billing.store.pool.write { db in
            for index in 0..<1_000 {
                try SubscriptionStore.upsert(Subscription(institution: "inst-\(index)", plan: .basic,
                                                          joinedOn: KST.localDate(of: start).adding(days: -305)),
                                             at: start, in: db)
            }
        }
        // Fill the producer's outbox first, so the figure is the bus and the inbox, not JSON encoding.
        var messages = 0
        for first in stride(from: 0, to: events, by: batch) {
            let chunk = Self.events(first..<min(first + batch, events))
            try await producer.store.pool.write { db in _ = try producer.outbox.send(RecordUsage(events: chunk), in: db) }
            messages += 1
        }
        let began = ContinuousClock.now
        let beganCPU = ProcessCPUTime.seconds()
        let tasks = [Task { try await billing.run() }, Task { try await producer.run() }]
        defer { for task in tasks { task.cancel() } }  // also when the wait below is cancelled
        while billing.statistics.applied < messages { try await Task.sleep(for: .milliseconds(5)) }
        let elapsed = ContinuousClock.now - began
        let cpu = ProcessCPUTime.seconds() - beganCPU
        for task in tasks { task.cancel() }
        for task in tasks { _ = try? await task.value }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (Double(events) / max(seconds, 1e-9), Double(events) / max(cpu, 1e-9))
    }

    /// Synthetic usage of 1,000 institutions, two sends for each read, in one KST working day.
    /// `runLength` consecutive events share an institution: 100 (the default) gives ten
    /// institutions per 1,000-event message, as campaigns and per-institution sending produce;
    /// 1 scatters every message over all 1,000 institutions (the worst case).
    static func events(_ range: Range<Int>, runLength: Int = 100) -> [UsageEvent] {
        range.map { index in
            UsageEvent(eventId: "e\(index)", institution: "inst-\((index / max(1, runLength)) % 1_000)", item: index % 3 == 2 ? .noticeRead : .noticeSent,
                       quantity: 1, occurredAt: start.addingTimeInterval(Double(index % 28_800)), reference: "n\(index)")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Seconds to issue November 2026 for `institutions`, over the aggregates `events` make.
    static func invoicing(events: Int, institutions: Int, directory: URL) async throws -> Double {
        let store = try ServiceStore(directory: directory, service: BillingService.name, migrations: BillingService.migrations)
        defer { try? FileManager.default.removeItem(at: directory) }
        let book = try PriceBook.load(from: PriceBookLocator.source(setting: nil))
        try await BenchmarkSeed.seed(store: store, events: events, institutions: institutions)
        let began = ContinuousClock.now
        let result = try await store.pool.write { db in
            try InvoiceBook(priceBook: book).issue(IssueInvoices(month: "2026-11"), now: issuedAt, in: db)
        }
        let elapsed = ContinuousClock.now - began
        guard result.issued == institutions else { throw BillingError.invalidSubscription("benchmark issued \(result.issued)", field: "institutions") }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
