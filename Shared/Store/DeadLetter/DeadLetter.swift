import Foundation
import GRDB
import Schema

/// A message given up on, as an operator sees it (never the payload: it may hold personal data).
public struct DeadLetter: Sendable, Hashable, Codable {
    public enum Direction: String, Sendable, Codable { case outgoing = "out", incoming = "in" }
    public let id: MessageID
    public let direction: Direction
    public let destination: String
    public let type: String
    public let attempts: Int
    public let reason: String
    /// Unix milliseconds.
    public let deadAt: Int64
}

/// SQL of the `bus_dead_letter` table.
public enum DeadLetterTable {
    /// Records an incoming message whose handler failed in a way retrying cannot fix.
    public static func recordIncoming(_ db: Database, envelope: Envelope, reason: String, now: Int64) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO bus_dead_letter (id, direction, destination, type, header, payload, attempts, reason, dead_at)
            VALUES (?, 'in', ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                Data(envelope.header.id.bytes), envelope.header.destination, envelope.header.type,
                Data(HeaderCodec.encode(envelope.header)), Data(envelope.payload),
                Int(envelope.header.attempt), reason, now,
            ])
    }

    /// Newest first.
    public static func list(_ db: Database, limit: Int = 100) throws -> [DeadLetter] {
        try Row.fetchAll(db, sql: """
            SELECT id, direction, destination, type, attempts, reason, dead_at
            FROM bus_dead_letter ORDER BY dead_at DESC LIMIT ?
            """, arguments: [limit]).compactMap { row in
            let idBytes: Data = row[0]
            guard let id = MessageID(bytes: idBytes), let direction = DeadLetter.Direction(rawValue: row[1]) else { return nil }
            return DeadLetter(
                id: id, direction: direction, destination: row[2], type: row[3], attempts: row[4],
                reason: row[5], deadAt: row[6])
        }
    }

    public static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM bus_dead_letter") ?? 0
    }

    /// Puts an outgoing dead letter back in the outbox for another round of attempts (operator
    /// action after fixing the cause). Returns whether the id was found.
    @discardableResult
    public static func requeue(_ db: Database, id: MessageID, now: Int64) throws -> Bool {
        try db.execute(sql: """
            INSERT INTO bus_outbox (id, destination, type, header, payload, lane, attempt, due_at, created_at)
            SELECT id, destination, type, header, payload, 0, 0, ?, ? FROM bus_dead_letter
            WHERE id = ? AND direction = 'out'
            """, arguments: [now, now, Data(id.bytes)])
        guard db.changesCount == 1 else { return false }
        try db.execute(sql: "DELETE FROM bus_dead_letter WHERE id = ?", arguments: [Data(id.bytes)])
        return true
    }
}
