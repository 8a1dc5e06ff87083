import Bus
import Foundation
import GRDB
import Logging
import Runtime
import Schema
import Store

/// The daily reminder run (RE-2, RE-3, RE-5), callable by the scheduler, the bus and tests.
///
/// A run is recorded in `reminder_runs` and processed in batches of one transaction each. If the
/// process dies mid-run, the next run for the same day resumes the unfinished record; everything
/// already sent has its send row, so nothing goes twice and nothing is missed.
public struct ReminderRunner: Sendable {
    public let endpoint: BusEndpoint
    public let calendar: BusinessCalendar
    public let logger: Logger
    /// The institution billed for reminder SMS.
    public let institution: String
    public var batchSize: Int

    public init(endpoint: BusEndpoint, calendar: BusinessCalendar, logger: Logger, institution: String, batchSize: Int = 500) {
        self.endpoint = endpoint
        self.calendar = calendar
        self.logger = logger
        self.institution = institution
        self.batchSize = max(1, batchSize)
    }

    /// Runs (or previews, `dryRun`) the reminders due on `asOf`. `maxBatches` stops a real run
    /// early without finishing it — as a crash would — for tests and throttled operation.
    public func runOnce(asOf: LocalDate, now: Date, dryRun: Bool, maxBatches: Int? = nil) async throws -> ReminderRunReport {
        if dryRun {
            let batch = RunBatch(asOf: asOf, institution: institution, runId: nil, now: now)
            let limit = batchSize
            let tally = try await endpoint.store.pool.read { db in try Self.drain(batch, db: db, outbox: nil, limit: limit) }
            return Self.report(runId: nil, asOf: asOf, dryRun: true, tally: tally)
        }
        let directory = GuaranteeDirectory(calendar: calendar)
        let runId = try await endpoint.write { db, _ in
            _ = try directory.fillMissingSendDates(in: db)
            return try RunRecord.openRun(db, asOf: asOf, now: now)
        }
        let batch = RunBatch(asOf: asOf, institution: institution, runId: runId, now: now)
        var cursor: (sendDate: String, number: String)?
        var batches = 0
        let limit = batchSize
        repeat {
            if let maxBatches, batches >= maxBatches { return try await reportOf(runId, asOf: asOf) }
            let after = cursor
            cursor = try await endpoint.write { db, outbox in
                let result = try batch.process(db, outbox: outbox, after: after, limit: limit)
                try RunRecord.add(result.tally, to: runId, db)
                return result.cursor
            }
            batches += 1
        } while cursor != nil
        try await endpoint.write { db, _ in try RunRecord.finish(runId, now: now, db) }
        let report = try await reportOf(runId, asOf: asOf)
        logger.info("reminder run finished", metadata: [
            "run": "\(runId)", "as_of": "\(asOf)", "selected": "\(report.selected)", "sent": "\(report.sent)",
            "skipped": "\(report.skipped.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))",
        ])
        return report
    }

    /// A real run inside an open transaction (the bus command): all batches in it.
    static func runInTransaction(_ db: Database, outbox: OutboxWriter, asOf: LocalDate, now: Date, institution: String,
                                 calendar: BusinessCalendar) throws -> ReminderRunReport {
        _ = try GuaranteeDirectory(calendar: calendar).fillMissingSendDates(in: db)
        let runId = try RunRecord.openRun(db, asOf: asOf, now: now)
        let tally = try drain(RunBatch(asOf: asOf, institution: institution, runId: runId, now: now), db: db, outbox: outbox, limit: 1_000)
        try RunRecord.add(tally, to: runId, db)
        try RunRecord.finish(runId, now: now, db)
        return try RunRecord.report(runId, db) ?? report(runId: runId, asOf: asOf, dryRun: false, tally: tally)
    }

    private static func drain(_ batch: RunBatch, db: Database, outbox: OutboxWriter?, limit: Int) throws -> RunTally {
        var total = RunTally()
        var cursor: (sendDate: String, number: String)?
        repeat {
            let result = try batch.process(db, outbox: outbox, after: cursor, limit: limit)
            total = total + result.tally
            cursor = result.cursor
        } while cursor != nil
        return total
    }

    private func reportOf(_ runId: Int64, asOf: LocalDate) async throws -> ReminderRunReport {
        try await endpoint.store.pool.read { db in try RunRecord.report(runId, db) }
            ?? Self.report(runId: runId, asOf: asOf, dryRun: false, tally: RunTally())
    }

    static func report(runId: Int64?, asOf: LocalDate, dryRun: Bool, tally: RunTally) -> ReminderRunReport {
        ReminderRunReport(runId: runId, asOf: asOf.description, dryRun: dryRun, selected: tally.selected, sent: tally.sent,
                          skipped: tally.skipped)
    }
}
