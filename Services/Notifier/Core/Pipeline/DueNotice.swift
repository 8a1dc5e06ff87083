import Foundation
import GRDB
import Schema

/// A notice picked for the next pipeline step, with what it needs to be resolved and sent.
struct DueNotice: Sendable {
    var row: NoticeRow
    var ci: String?

    /// The notices due by `now`, and apart the rows whose stored state cannot be read (to be set
    /// aside: one bad row never holds up the others).
    static func fetch(before now: Date, limit: Int, in db: Database) throws -> (due: [DueNotice], unreadable: [LifecycleError]) {
        var due: [DueNotice] = []
        var unreadable: [LifecycleError] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT \(NoticeRow.columns), n.ci FROM \(NoticeRow.from)
            WHERE n.due_at <= ? ORDER BY n.due_at LIMIT ?
            """, arguments: [Millis.of(now), limit]) {
            do { due.append(DueNotice(row: try NoticeRow(row: row), ci: row["ci"])) } catch { unreadable.append(error) }
        }
        return (due, unreadable)
    }

    /// When the sweeper next has to look at a sent notice: reminders (NO-6), expiry, the 72 h timeout (NO-10).
    static func watch(sentAt: Date, delivered: Bool, deadline: Date?, remindedAfter: Bool, remindedDeadline: Bool) -> Date? {
        var times: [Date] = []
        if !remindedAfter { times.append(sentAt.addingTimeInterval(24 * 3600)) }
        if let deadline {
            let before = deadline.addingTimeInterval(-24 * 3600)
            if !remindedDeadline, before > sentAt { times.append(before) }
            times.append(deadline)
        }
        if !delivered { times.append(sentAt.addingTimeInterval(72 * 3600)) }
        return times.min()
    }
}
