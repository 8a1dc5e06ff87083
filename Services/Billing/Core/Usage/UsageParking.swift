import Foundation
import GRDB
import Metrics
import Schema

/// Usage that cannot be billed yet because its institution has no subscription (BI-6: usage is
/// never lost). Such an event is *parked* in `usage_parked` (the whole event, when it arrived and
/// why) instead of being dropped, counted in the gauge `billing_usage_parked`, and moved into the
/// ledger — at its own event time, so its own month — in the transaction that stores the
/// institution's subscription. Parking is keyed by event id and recording is idempotent by the
/// ledger's dedupe key, so a duplicate delivery (parked or not) is billed once.
public enum UsageParking {
    /// The gauge of events waiting for a subscription.
    public static let metric = "billing_usage_parked"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE usage_parked (
                event_id TEXT PRIMARY KEY, institution TEXT NOT NULL, event BLOB NOT NULL,
                received_at INTEGER NOT NULL, reason TEXT NOT NULL) WITHOUT ROWID;
            CREATE INDEX usage_parked_institution ON usage_parked (institution);
            """)
    }

    /// Keeps `event` until its institution subscribes; false when the same event id is parked already.
    static func park(_ event: UsageEvent, reason: ErrorCode, at: Date, in db: Database) throws -> Bool {
        let body = try JSONEncoder.parked.encode(event)
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO usage_parked (event_id, institution, event, received_at, reason) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [event.eventId, event.institution, body, MileageLedger.millis(at), reason.rawValue])
        return db.changesCount > 0
    }

    /// Moves every parked event of `institution` into the ledger (call it in the transaction that
    /// stores the subscription). Events still unbillable stay parked.
    @discardableResult
    public static func release(institution: String, at now: Date, in db: Database) throws -> UsageOutcome {
        let rows = try Row.fetchAll(db, sql: "SELECT event_id, event FROM usage_parked WHERE institution = ? ORDER BY received_at, event_id",
                                    arguments: [institution])
        var events: [UsageEvent] = []
        var unreadable: [String] = []
        for row in rows {
            if let event = try? JSONDecoder.parked.decode(UsageEvent.self, from: row["event"] as Data) {
                events.append(event)
            } else {
                unreadable.append(row["event_id"])
            }
        }
        guard !events.isEmpty else { return UsageOutcome() }
        try db.execute(sql: "DELETE FROM usage_parked WHERE institution = ?", arguments: [institution])
        // Still unparsable rows are kept as they were (never lost); none are expected.
        for id in unreadable {
            if let row = rows.first(where: { ($0["event_id"] as String) == id }) {
                try db.execute(sql: "INSERT INTO usage_parked (event_id, institution, event, received_at, reason) VALUES (?, ?, ?, ?, 'unreadable')",
                               arguments: [id, institution, row["event"] as Data, MileageLedger.millis(now)])
            }
        }
        return try UsageLedger.record(events, receivedAt: now, in: db)
    }

    /// Parked events, in all or for one institution.
    public static func count(institution: String? = nil, in db: Database) throws -> Int {
        if let institution {
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM usage_parked WHERE institution = ?", arguments: [institution]) ?? 0
        }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM usage_parked") ?? 0
    }

    /// Sets the gauge to the store's count.
    public static func report(in db: Database) throws {
        Gauge(label: metric).record(try count(in: db))
    }
}

extension JSONEncoder {
    fileprivate static var parked: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}

extension JSONDecoder {
    fileprivate static var parked: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }
}
