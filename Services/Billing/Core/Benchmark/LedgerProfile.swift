import Foundation
import Runtime
import Schema
import Store

/// Where ingest time goes, without the bus: decoding `RecordUsage` payloads, and recording the
/// events in the store in batches — the two halves of the inbox's work.
enum LedgerProfile {
    /// Events/s of decoding and of recording, by the wall clock and per CPU-second of the process.
    static func measure(events: Int, runLength: Int, directory: URL, batch: Int = 1_000) async throws
        -> (decode: Double, record: Double, decodeCPU: Double, recordCPU: Double) {
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
        var decoded: [[UsageEvent]] = []
        let decodeCPU = ProcessCPUTime.seconds()
        // As the inbox handler does: the bus's decode of the payload type, then the events.
        let decodeTime = try clock.measure {
            for payload in payloads {
                _ = try PayloadCodec.decode(RecordUsagePayload.self, from: payload)
                decoded.append(try RecordUsagePayload.events(in: payload))
            }
        }
        let recordCPU = ProcessCPUTime.seconds()
        let recordTime = try await clock.measure {
            // Ten messages per transaction, as an inbox batch would hold.
            for group in stride(from: 0, to: decoded.count, by: 10) {
                let slice = decoded[group..<min(group + 10, decoded.count)]
                try await store.pool.write { db in
                    for events in slice { _ = try UsageLedger.record(events, receivedAt: start, in: db) }
                }
            }
        }
        let end = ProcessCPUTime.seconds()
        return (Double(events) / BillingBenchmark.seconds(decodeTime), Double(events) / BillingBenchmark.seconds(recordTime),
                Double(events) / max(recordCPU - decodeCPU, 1e-9), Double(events) / max(end - recordCPU, 1e-9))
    }
}
