import Foundation
import GRDB
import Runtime
import Schema

/// SMS mileage (BI-5, seed 002): a credit per issued guarantee, valid one year; free SMS spend
/// the oldest unexpired credits first; what no credit covers is charged. Never a negative balance.
public enum MileageLedger {
    /// How an SMS usage was paid.
    public struct Split: Sendable, Equatable {
        public var free: Int64
        public var charged: Int64
    }

    /// The end (exclusive) of a credit earned at `instant` (BI-5): 00:00 KST on the anniversary
    /// of its KST day, so it can be spent up to and including the day before (29 February → 1 March).
    public static func expiry(of instant: Date) -> Date {
        let date = KST.localDate(of: instant)
        let anniversary = LocalDate(year: date.year + 1, month: date.month, day: date.day)
            ?? LocalDate(year: date.year + 1, month: 3, day: 1) ?? date.adding(days: 365)
        return KST.instant(anniversary)
    }

    static func earn(institution: String, quantity: Int64, at: Date, eventKey: String, in db: Database) throws {
        guard quantity > 0 else { return }
        let earned = millis(at)
        let expires = millis(expiry(of: at))
        try db.execute(sql: """
            INSERT INTO mileage_credit (institution, event_key, earned_at, expires_at, quantity, remaining) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [institution, eventKey, earned, expires, quantity, quantity])
        try move(institution, .earned, quantity, at: earned, eventKey: eventKey, expiresAt: expires, in: db)
    }

    /// Spends credits valid at `at` (earned before it, not yet lapsed), oldest first.
    static func spend(institution: String, quantity: Int64, at: Date, eventKey: String, in db: Database) throws -> Split {
        let instant = millis(at)
        var needed = quantity
        if needed > 0 {
            let credits = try Row.fetchAll(db, sql: """
                SELECT id, remaining FROM mileage_credit
                WHERE institution = ? AND remaining > 0 AND earned_at <= ? AND expires_at > ?
                ORDER BY earned_at, id
                """, arguments: [institution, instant, instant])
            for credit in credits where needed > 0 {
                let remaining: Int64 = credit["remaining"]
                let take = min(remaining, needed)
                needed -= take
                try db.execute(sql: "UPDATE mileage_credit SET remaining = remaining - ? WHERE id = ?",
                               arguments: [take, credit["id"] as Int64])
            }
        }
        let split = Split(free: quantity - needed, charged: needed)
        if split.free > 0 { try move(institution, .spent, -split.free, at: instant, eventKey: eventKey, in: db) }
        if split.charged > 0 { try move(institution, .charged, split.charged, at: instant, eventKey: eventKey, in: db) }
        return split
    }

    /// Unexpired, unspent credits at `now`.
    public static func balance(institution: String, at now: Date, in db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: """
            SELECT COALESCE(SUM(remaining), 0) FROM mileage_credit WHERE institution = ? AND remaining > 0 AND expires_at > ?
            """, arguments: [institution, millis(now)]) ?? 0
    }

    /// Balance and history (newest first), lapsed credits shown as `expired` at their end.
    public static func statement(institution: String, at now: Date, limit: Int, in db: Database) throws -> MileageStatement {
        var entries = try Row.fetchAll(db, sql: """
            SELECT kind, quantity, at, event_key, expires_at FROM mileage_move WHERE institution = ? AND at <= ?
            """, arguments: [institution, millis(now)]).compactMap { row -> MileageEntry? in
            guard let kind = MileageEntry.Kind(rawValue: row["kind"]) else { return nil }
            return MileageEntry(kind: kind, quantity: row["quantity"], at: date(row["at"]), eventId: row["event_key"],
                                expiresAt: (row["expires_at"] as Int64?).map(date))
        }
        let lapsed = try Row.fetchAll(db, sql: """
            SELECT remaining, expires_at, event_key FROM mileage_credit WHERE institution = ? AND remaining > 0 AND expires_at <= ?
            """, arguments: [institution, millis(now)])
        entries += lapsed.map { MileageEntry(kind: .expired, quantity: -($0["remaining"] as Int64), at: date($0["expires_at"]), eventId: $0["event_key"]) }
        entries.sort { ($0.at, $0.kind.rawValue) > ($1.at, $1.kind.rawValue) }
        return MileageStatement(institution: institution, balance: try balance(institution: institution, at: now, in: db),
                                asOf: now, history: Array(entries.prefix(max(0, limit))))
    }

    private static func move(_ institution: String, _ kind: MileageEntry.Kind, _ quantity: Int64, at: Int64, eventKey: String,
                             expiresAt: Int64? = nil, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO mileage_move (institution, kind, quantity, at, event_key, expires_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [institution, kind.rawValue, quantity, at, eventKey, expiresAt])
    }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(millis) / 1000) }
}
