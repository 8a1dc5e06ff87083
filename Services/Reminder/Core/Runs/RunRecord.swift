import Foundation
import GRDB
import Runtime
import Schema

/// The `reminder_runs` table: one row per real run, its counts added batch by batch in the
/// batch's own transaction (so a run interrupted midway still tells what it did).
enum RunRecord {
    /// The unfinished run of `asOf` (left by a crash), or a new one.
    static func openRun(_ db: Database, asOf: LocalDate, now: Date) throws -> Int64 {
        if let open = try Int64.fetchOne(db, sql: "SELECT id FROM reminder_runs WHERE as_of = ? AND finished_at IS NULL ORDER BY id DESC LIMIT 1",
                                         arguments: [asOf.description]) {
            return open
        }
        try db.execute(sql: "INSERT INTO reminder_runs (as_of, started_at) VALUES (?, ?)", arguments: [asOf.description, millis(now)])
        return db.lastInsertedRowID
    }

    static func add(_ tally: RunTally, to runId: Int64, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE reminder_runs SET selected = selected + ?, sent = sent + ?, opted_out = opted_out + ?,
                no_recipient = no_recipient + ?, expired = expired + ?, already_sent = already_sent + ? WHERE id = ?
            """, arguments: [tally.selected, tally.sent, tally.optedOut, tally.noRecipient, tally.expired, tally.alreadySent, runId])
    }

    static func finish(_ runId: Int64, now: Date, _ db: Database) throws {
        try db.execute(sql: "UPDATE reminder_runs SET finished_at = ? WHERE id = ?", arguments: [millis(now), runId])
    }

    /// Whether a run of `asOf` finished.
    static func finished(_ db: Database, asOf: LocalDate) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM reminder_runs WHERE as_of = ? AND finished_at IS NOT NULL LIMIT 1",
                          arguments: [asOf.description]) ?? false
    }

    static func report(_ runId: Int64, _ db: Database) throws -> ReminderRunReport? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT as_of, selected, sent, opted_out, no_recipient, expired, already_sent FROM reminder_runs WHERE id = ?
            """, arguments: [runId]), let asOf = LocalDate(row[0] as String)
        else { return nil }
        let tally = RunTally(selected: row[1], sent: row[2], optedOut: row[3], noRecipient: row[4], expired: row[5], alreadySent: row[6])
        return ReminderRunner.report(runId: runId, asOf: asOf, dryRun: false, tally: tally)
    }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
}
