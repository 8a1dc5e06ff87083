import Foundation
import GRDB
import Schema

/// SQL of the `bus_inbox` table: the ids of messages already applied.
public enum InboxTable {
    /// Records `id` as applied. Returns `false` when it already was — the caller then skips the
    /// handler and only acknowledges again. Runs in the handler's transaction, so "recorded" and
    /// "applied" can never disagree after a crash.
    public static func claim(_ db: Database, id: MessageID, receivedAt: Int64) throws -> Bool {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO bus_inbox (id, received_at) VALUES (?, ?)")
        try statement.execute(arguments: [Data(id.bytes), receivedAt])
        return db.changesCount == 1
    }

    /// Forgets ids received before `cutoff` (Unix ms). The retention must exceed the longest time
    /// a sender can keep retrying, or a very late duplicate would be applied again.
    @discardableResult
    public static func prune(_ db: Database, receivedBefore cutoff: Int64) throws -> Int {
        try db.execute(sql: "DELETE FROM bus_inbox WHERE received_at < ?", arguments: [cutoff])
        return db.changesCount
    }

    public static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM bus_inbox") ?? 0
    }
}
