import Foundation
import GRDB
import Schema

/// What the simulated carriers delivered, kept in a SQLite file of their own
/// (`<notifier folder>/simulated-carriers.sqlite`): the carriers are an outside party, so their
/// record survives a notifier crash, and a re-sent reference is refused by the primary key as a
/// real gateway keyed by the client's message id would. Tests keep the in-memory network.
final class SimulatedCarrierJournal: Sendable {
    private let queue: DatabaseQueue

    init(url: URL) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // A carrier's log, not a ledger of ours: WAL without fsync per delivery keeps it off the hot path.
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
        }
        queue = try DatabaseQueue(path: url.path, configuration: configuration)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS delivered (
                    reference TEXT PRIMARY KEY, provider TEXT NOT NULL, channel TEXT NOT NULL, phone TEXT NOT NULL,
                    subject TEXT, text TEXT NOT NULL, link TEXT, delivered_at INTEGER NOT NULL);
                CREATE INDEX IF NOT EXISTS delivered_by_phone ON delivered (phone, delivered_at);
                """)
        }
    }

    /// Records a delivery; false when the reference was delivered before (a duplicate).
    func deliver(_ message: CarrierMessage) throws -> Bool {
        try queue.write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO delivered (reference, provider, channel, phone, subject, text, link, delivered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [message.reference, message.provider, message.channel.rawValue, message.phone, message.subject,
                                 message.text, message.link, Int64(message.deliveredAt.timeIntervalSince1970 * 1000)])
            return db.changesCount == 1
        }
    }

    /// Messages delivered to `phone`, newest first.
    func inbox(_ phone: String, limit: Int) throws -> [CarrierMessage] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM delivered WHERE phone = ? ORDER BY delivered_at DESC, rowid DESC LIMIT ?
                """, arguments: [phone, limit]).compactMap(Self.message)
        }
    }

    /// Every delivery, oldest first (tests and drills).
    func all() throws -> [CarrierMessage] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM delivered ORDER BY delivered_at, rowid").compactMap(Self.message)
        }
    }

    private static func message(_ row: Row) -> CarrierMessage? {
        guard let channel = NoticeChannel(rawValue: row["channel"]) else { return nil }
        let millis: Int64 = row["delivered_at"]
        return CarrierMessage(provider: row["provider"], channel: channel, phone: row["phone"], subject: row["subject"],
                              text: row["text"], link: row["link"], reference: row["reference"],
                              deliveredAt: Date(timeIntervalSince1970: TimeInterval(millis) / 1000))
    }
}
