import Foundation
import Schema
import SongdalCrypto
import Store

/// `songdal bench identity`: import rows/s from a synthetic file (goal ≥ 100,000 on 1,000,000
/// rows), batch resolve CIs/s over the bus (goal ≥ 100,000), single resolve p99 round trip in ms
/// over the bus (goal ≤ 2).
public enum IdentityBenchmark {
    /// Runs one named phase of the benchmark; `songdal bench` passes one that enforces a deadline.
    public typealias Phase = @Sendable (_ name: String, _ body: () async throws -> Void) async throws -> Void

    public static func run(count: Int?, directory: URL, phase: Phase = { _, body in try await body() })
        async throws -> [(key: String, value: String)] {
        let rows = max(count ?? 1_000_000, 1_000)
        let work = directory.appendingPathComponent("identity-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let csv = work.appendingPathComponent("sync.csv")
        let ciKey = Array("songdal-synthetic".utf8)
        var people = 0
        try await phase("sync file") {
            people = try SyntheticDirectory.write(count: rows, to: csv, ciKey: ciKey)
            // The sync file is on disk before the import starts, as a carrier's file would be: its
            // write-back must not run during (and count against) the import.
            sync()
        }

        let keys = try IdentityKeys.generate()
        let store = try ServiceStore(directory: work, service: IdentityService.name, migrations: IdentityService.migrations,
                                     pageSize: IdentityService.storePageSize)
        let directoryDomain = try IdentityDirectory(pool: store.pool, keys: keys)
        let gaugeBefore = try cpuGauge(directoryDomain.cipher)
        var imported: ImportReport?
        var importSeconds = 0.0
        try await phase("import") {
            let importStart = ContinuousClock.now
            imported = try directoryDomain.importCSV(url: csv, now: Date(timeIntervalSince1970: 1_795_399_200))
            importSeconds = seconds(since: importStart)
            sync()  // the import's own write-back is not the resolve phase's
        }

        let cis = (0..<min(people, 50_000)).map { TestCIGenerator.ci(key: ciKey, rrn: TestCIGenerator.syntheticRRN($0)) }
        var started: BenchmarkBus?
        do {
            try await phase("bus start") {
                let bus = try await BenchmarkBus(
                    store: store, clientStore: try ServiceStore(directory: work.appendingPathComponent("client"), service: "notifier"),
                    directory: work, settings: ["aes_key": Hex.encode(keys.aes.bytes), "hmac_key": Hex.encode(keys.hmac)])
                started = bus
                _ = try await bus.client.request(ResolveCI(ci: cis[0], institution: "bench", noticeId: "warm-up"), timeoutMilliseconds: 10_000)
            }
        } catch {
            await started?.shutdown()
            throw error
        }
        // Only a phase hook that skipped its body leaves these unset.
        guard let bus = started, let report = imported else { throw CancellationError() }

        let batches = 20
        var resolved = 0
        var batchSeconds = 0.0
        var latencies: [Double] = []
        do {
            try await phase("batch resolve") {
                let batchStart = ContinuousClock.now
                for batch in 0..<batches {
                    let slice = (0..<ResolveBatch.maximumCount).map { cis[(batch * ResolveBatch.maximumCount + $0) % cis.count] }
                    let reply = try await bus.client.request(
                        ResolveBatch(cis: slice, noticeIds: slice.indices.map { "bench-\(batch)-\($0)" }, institution: "bench"),
                        timeoutMilliseconds: 30_000)
                    resolved += reply.results.count
                }
                batchSeconds = seconds(since: batchStart)
            }
            try await phase("single resolve") {
                for index in 0..<2_000 {
                    let start = ContinuousClock.now
                    _ = try await bus.client.request(ResolveCI(ci: cis[index % cis.count], institution: "bench", noticeId: "single-\(index)"))
                    latencies.append(seconds(since: start) * 1000)
                }
            }
        } catch {
            await bus.shutdown()
            throw error
        }
        try await phase("bus shutdown") { await bus.shutdown() }
        let gaugeAfter = try cpuGauge(directoryDomain.cipher)
        latencies.sort()
        func percentile(_ fraction: Double) -> String {
            String(format: "%.3f", latencies[min(latencies.count - 1, Int(Double(latencies.count) * fraction))])
        }
        return [
            ("import", String(Int(Double(report.rowsRead) / importSeconds))),
            ("resolve", String(Int(Double(resolved) / batchSeconds))),
            ("resolve_p99_ms", percentile(0.99)),
            ("resolve_p50_ms", percentile(0.50)),
            ("resolve_tail_ms", "p90 \(percentile(0.9)) p95 \(percentile(0.95)) p98 \(percentile(0.98)) p99.9 \(percentile(0.999)) max "
                + String(format: "%.3f", latencies.last ?? 0)),
            ("cpu_gauge", "before \(gaugeBefore) after \(gaugeAfter) CI hashes/s on one thread (the machine's speed during this run)"),
            ("import_rows", String(report.rowsRead)),
            ("import_rejected", String(report.rejected)),
        ]
    }

    /// CI lookup hashes (HMAC-SHA-256 of 64 bytes) per second on one thread over 0.3 s: the
    /// same-run baseline that tells a slow machine from a slow change. This VM's speed drifts
    /// by a third within minutes, and import and resolve drift with it.
    private static func cpuGauge(_ cipher: IdentityCipher) throws -> Int {
        let session = try cipher.session()
        var ci = [UInt8](repeating: 0x5A, count: 64)
        let start = ContinuousClock.now
        var count = 0
        while seconds(since: start) < 0.3 {
            for _ in 0..<1_000 { ci[count & 63] &+= UInt8(truncatingIfNeeded: session.ciHash(ci)[0]); count += 1 }
        }
        return Int(Double(count) / seconds(since: start))
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
