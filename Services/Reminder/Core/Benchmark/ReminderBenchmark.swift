import Foundation
import GRDB
import Runtime
import Schema
import Store

/// `songdal bench reminder`: CSV import throughput and the daily selection over a large store.
///
/// - `import`: rows/s of `GuaranteeImporter` on a synthetic CSV of `min(count, 1,000,000)` rows
///   (goal ≥ 100,000/s).
/// - `import_cpu`: the same rows per CPU-second of the process — steadier than the wall clock
///   when the machine is shared.
/// - `selection`: seconds of one day's selection (the dry run: due-index range, member and
///   recipient lookups, send-row checks) over `count` guarantees (default 10,000,000; goal ≤ 5 s).
///   The bulk beyond the imported rows is generated in SQL; guarantees whose send date is before
///   the run date are marked reminded, as they would be in steady operation.
public enum ReminderBenchmark {
    /// Runs one named phase of the benchmark; `songdal bench` passes one that enforces a deadline.
    public typealias Phase = @Sendable (_ name: String, _ body: () async throws -> Void) async throws -> Void

    public static func run(count: Int?, directory: URL, phase: Phase = { _, body in try await body() })
        async throws -> [(key: String, value: String)] {
        let total = max(1_000, count ?? 10_000_000)
        let imported = min(total, 1_000_000)
        let calendar = try BusinessCalendar.loadDefault()
        let folder = directory.appendingPathComponent("reminder-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ServiceStore(directory: folder, service: "reminder", migrations: ReminderMigrations.all)
        // The real clock only stamps rows (imported, checked); what is due is decided by `asOf`,
        // a date of the synthetic data (end dates 2026-12..2027-12), not by today.
        let clock = SystemWallClock()

        let csv = folder.appendingPathComponent("guarantees.csv")
        try await phase("write csv") { try BenchmarkData.writeCSV(rows: imported, to: csv) }
        let importer = GuaranteeImporter(store: store, calendar: calendar, clock: clock)
        var report = GuaranteeImportReport()
        var importSeconds = 0.0, importCPUSeconds = 0.0
        try await phase("import") {
            let importStart = ContinuousClock.now
            let importCPU = ProcessCPUTime.seconds()
            report = try await importer.importFile(csv, actor: "bench")
            importSeconds = seconds(ContinuousClock.now - importStart)
            importCPUSeconds = ProcessCPUTime.seconds() - importCPU
        }

        let asOf = LocalDate(year: 2026, month: 11, day: 23) ?? KST.localDate(of: clock.now)
        try await phase("fill") { try await BenchmarkData.fill(store, from: imported, to: total, calendar: calendar, asOf: asOf) }

        let batch = RunBatch(asOf: asOf, institution: "bench", runId: nil, now: clock.now)
        var selected = RunTally()
        var selectionSeconds = 0.0
        try await phase("selection") {
            let selectionStart = ContinuousClock.now
            selected = try await store.pool.read { db in
                var tally = RunTally()
                var cursor: (sendDate: String, number: String)?
                repeat {
                    let result = try batch.process(db, outbox: nil, after: cursor, limit: 1_000)
                    tally = tally + result.tally
                    cursor = result.cursor
                } while cursor != nil
                return tally
            }
            selectionSeconds = seconds(ContinuousClock.now - selectionStart)
        }
        return [
            ("import", String(Int(Double(report.accepted) / max(importSeconds, 1e-9)))),
            ("import_cpu", String(Int(Double(report.accepted) / max(importCPUSeconds, 1e-9)))),
            ("selection", String(format: "%.3f", selectionSeconds)),
            ("guarantees", String(total)),
            ("due", String(selected.selected)),
            ("would_send", String(selected.sent)),
        ]
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
