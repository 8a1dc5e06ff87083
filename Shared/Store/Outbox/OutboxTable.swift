import Foundation
import GRDB
import Schema

/// SQL of the `bus_outbox` table. Every function runs inside the caller's transaction, so a state
/// change and the messages it causes commit together (DESIGN §4) — or not at all.
public enum OutboxTable {
    /// Adds a message. `dueAt` (Unix ms, transport time) is 0 for "now": only re-sends are
    /// postponed, and they use the dispatcher's real clock, never the domain clock (which tests fake).
    public static func insert(_ db: Database, envelope: Envelope, lane: Int = 0, dueAt: Int64 = 0) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO bus_outbox (id, destination, type, header, payload, lane, attempt, due_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)
            """)
        try statement.execute(arguments: [
            Data(envelope.header.id.bytes), envelope.header.destination, envelope.header.type,
            Data(HeaderCodec.encode(envelope.header)), Data(envelope.payload), lane, dueAt,
            envelope.header.createdAt,
        ])
    }

    /// Rows with `seq > cursor` (higher lanes first, then in order), at most `limit`.
    public static func fetch(_ db: Database, after cursor: Int64, limit: Int) throws -> [OutboxRow] {
        let statement = try db.cachedStatement(sql: """
            SELECT seq, header, payload, lane, attempt, due_at FROM bus_outbox
            WHERE seq > ? ORDER BY seq LIMIT ?
            """)
        var rows: [OutboxRow] = []
        let cursor = try Row.fetchCursor(statement, arguments: [cursor, limit])
        while let row = try cursor.next() {
            let headerBytes: Data = row[1]
            let payload: Data = row[2]
            // A row this service wrote itself and cannot read back is corruption: skip it rather
            // than stall every message behind it; `verifyHeaders` reports it to the operator.
            let encoded = Array(headerBytes)
            guard let header = try? HeaderCodec.decode(encoded) else { continue }
            rows.append(OutboxRow(
                seq: row[0], envelope: Envelope(header: header, payload: Array(payload)), encodedHeader: encoded,
                lane: row[3], attempt: row[4], dueAt: row[5]))
        }
        return rows
    }

    /// Removes acknowledged messages.
    public static func delete(_ db: Database, ids: some Sequence<MessageID>) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM bus_outbox WHERE id = ?")
        for id in ids { try statement.execute(arguments: [Data(id.bytes)]) }
    }

    /// Persists a retry: the attempt count survives a restart, so dead-lettering still happens.
    public static func recordRetry(_ db: Database, id: MessageID, attempt: Int, dueAt: Int64, error: String?) throws {
        let statement = try db.cachedStatement(
            sql: "UPDATE bus_outbox SET attempt = ?, due_at = ?, last_error = ? WHERE id = ?")
        try statement.execute(arguments: [attempt, dueAt, error, Data(id.bytes)])
    }

    /// Moves a message that ran out of attempts to the dead-letter table.
    public static func moveToDeadLetter(_ db: Database, id: MessageID, reason: String, now: Int64) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO bus_dead_letter (id, direction, destination, type, header, payload, attempts, reason, dead_at)
            SELECT id, 'out', destination, type, header, payload, attempt, ?, ? FROM bus_outbox WHERE id = ?
            """, arguments: [reason, now, Data(id.bytes)])
        try db.execute(sql: "DELETE FROM bus_outbox WHERE id = ?", arguments: [Data(id.bytes)])
    }

    /// Messages not yet acknowledged.
    public static func depth(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM bus_outbox") ?? 0
    }
}
