import Foundation
import GRDB
import Schema

/// Writes prepared batches on one background thread, one transaction per batch and in order,
/// so the importer can parse and seal the next batch meanwhile. At most one batch is in
/// flight: `submit` first waits for the previous one (bounded memory: two batches).
final class WritePipeline: @unchecked Sendable {
    // @unchecked: `inFlight` is written by the writer queue and read by the importer only after
    // `done.wait()` — the semaphore orders the two accesses.
    private let pool: DatabasePool
    private let writer: DirectoryWriter
    private let queue = DispatchQueue(label: "identity.import.writer")
    private let done = DispatchSemaphore(value: 0)
    private var inFlight: Result<Counts, any Error>?
    private var busy = false

    struct Counts: Sendable {
        var inserted = 0, updated = 0, unchanged = 0, stale = 0
    }

    init(pool: DatabasePool, writer: DirectoryWriter) {
        self.pool = pool
        self.writer = writer
    }

    /// Hands `rows` to the writer after the previous batch is committed (whose counts go into
    /// `report`; its failure is thrown here).
    func submit(_ rows: [PreparedRow], report: inout ImportReport) throws {
        try finish(report: &report)
        busy = true
        queue.async { [self] in
            inFlight = Result { try write(rows) }
            done.signal()
        }
    }

    /// Waits for the batch in flight, if any, and adds its counts to `report`.
    func finish(report: inout ImportReport) throws {
        guard busy else { return }
        done.wait()
        busy = false
        let counts = try inFlight?.get() ?? Counts()
        inFlight = nil
        report.inserted += counts.inserted
        report.updated += counts.updated
        report.unchanged += counts.unchanged
        report.stale += counts.stale
    }

    private func write(_ rows: [PreparedRow]) throws -> Counts {
        try pool.write { db in
            var counts = Counts()
            try writer.apply(rows, in: db) { outcome in
                switch outcome {
                case .inserted: counts.inserted += 1
                case .updated: counts.updated += 1
                case .unchanged: counts.unchanged += 1
                case .stale: counts.stale += 1
                }
            }
            return counts
        }
    }
}
