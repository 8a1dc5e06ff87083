import Foundation
import Schema
import Store

/// Where ingest time goes, without the bus: decoding `RecordUsage` payloads, and recording the
/// events in the store in batches — the two halves of the inbox's work.
enum LedgerProfile {
    /// (decode events/s, record events/s).
    static func measure(events: Int, runLength: Int, directory: URL, batch: Int = 1_000) async throws -> (decode: Double, record: Double) {
        let store = try ServiceStore(directory: directory, service: BillingService.name, migrations: BillingService.migrations)
        defer { try? FileManager.default.removeItem(at: directory) }
        let start = BillingBenchmark.start
        try await store.pool.write { db in
            for index in 0..<1_000 {
                try SubscriptionStore.upsert(Subscription(institution: "inst-\(index)", plan: .basic,
                                                          joinedOn: BillingMonth(of: start).firstDay), at: start, in: db)
            }
        }
        var payloads: [[UInt8]] = []
        for first in stride(from: 0, to: events, by: batch) {
            payloads.append(try PayloadCodec.encode(RecordUsage(events: BillingBenchmark.events(first..<min(first + batch, events), runLength: runLength))))
        }
        let clock = ContinuousClock()
        var decoded: [RecordUsage] = []
        let decodeTime = try clock.measure {
            for payload in payloads { decoded.append(try PayloadCodec.decode(RecordUsage.self, from: payload)) }
        }
        let recordTime = try await clock.measure {
            // Ten messages per transaction, as an inbox batch would hold.
            for group in stride(from: 0, to: decoded.count, by: 10) {
                let slice = decoded[group..<min(group + 10, decoded.count)]
                try await store.pool.write { db in
                    for message in slice { _ = try UsageLedger.record(message.events, receivedAt: start, in: db) }
                }
            }
        }
        return (Double(events) / BillingBenchmark.seconds(decodeTime), Double(events) / BillingBenchmark.seconds(recordTime))
    }
}
