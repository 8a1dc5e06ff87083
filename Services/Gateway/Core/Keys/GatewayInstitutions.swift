import Foundation
import GRDB

/// The institutions the gateway knows (table `institution`, issue 20): an institution key is
/// issued only for one of these, and onboarding records the plan and first day it subscribed, so
/// a second onboarding cannot change them silently.
extension GatewayKeys {
    /// What the gateway recorded of an institution; `plan`/`joinedOn` nil when it was registered
    /// without onboarding (seeded by `songdal up`, or keys older than the table).
    public struct KnownInstitution: Sendable, Equatable {
        public var id: String
        public var plan: String?
        public var joinedOn: String?
    }

    /// Registers an institution as known without a subscription (idempotent; keeps an onboarding
    /// already recorded). `songdal up` seeds `demo-bank` this way before the demo onboards it.
    public func registerInstitution(_ id: String, now: Date = Date()) throws {
        try store.pool.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO institution (id, registered_at) VALUES (?, ?)",
                           arguments: [id, Int64(now.timeIntervalSince1970 * 1000)])
        }
    }

    /// The institution as recorded, or nil when the gateway does not know it.
    public func institution(_ id: String) throws -> KnownInstitution? {
        try store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, plan, joined_on FROM institution WHERE id = ?", arguments: [id]).map {
                KnownInstitution(id: $0["id"], plan: $0["plan"], joinedOn: $0["joined_on"])
            }
        }
    }

    /// Records an onboarding (after billing stored the subscription).
    func recordOnboarding(_ id: String, plan: String, joinedOn: String, now: Date) throws {
        try store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO institution (id, plan, joined_on, registered_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET plan = excluded.plan, joined_on = excluded.joined_on
                """, arguments: [id, plan, joinedOn, Int64(now.timeIntervalSince1970 * 1000)])
        }
    }
}
