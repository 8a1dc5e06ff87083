import Foundation
import GRDB
import Logging
import Runtime
import Schema
import ServiceLifecycle

/// Runs import jobs one at a time, outside the bus's inbox transaction (a million-row file is
/// twenty transactions of 50,000 rows, not one).
struct ImportWorker: Service {
    let directory: IdentityDirectory
    let clock: any WallClock
    let logger: Logger
    var idleMilliseconds = 100

    func run() async throws {
        await PollingLoop.run(idle: .milliseconds(idleMilliseconds)) { try await runNext() }
    }

    /// Runs the oldest open job; `false` when there was none.
    func runNext() async throws -> Bool {
        let pool = directory.pool
        guard let job = try await pool.read({ try ImportJobs.nextOpen(in: $0) }) else { return false }
        try await pool.write { try ImportJobs.save(ImportReport(state: .running), job: job.id, in: $0) }
        var report: ImportReport
        do {
            report = try directory.importCSV(
                url: URL(fileURLWithPath: job.request.path), mode: job.request.mode, carrier: job.request.carrier,
                now: clock.now)
        } catch {
            // A store failure mid-way: the job fails (rows already committed stay; a re-sent file
            // completes it idempotently) instead of stopping the worker or looping on the job.
            report = ImportReport(state: .failed, failure: ImportRowError(line: 0, code: .importFailed, message: "the store refused the import"))
            logger.error("directory import failed", metadata: ["job": "\(job.id)", "error": "\(type(of: error))"])
        }
        let final = report
        try await pool.write { try ImportJobs.save(final, job: job.id, in: $0) }
        logger.info("directory import done", metadata: [
            "job": "\(job.id)", "state": "\(report.state.rawValue)", "rows": "\(report.rowsRead)",
            "inserted": "\(report.inserted)", "updated": "\(report.updated)", "unchanged": "\(report.unchanged)",
            "rejected": "\(report.rejected)",
        ])
        return true
    }
}
