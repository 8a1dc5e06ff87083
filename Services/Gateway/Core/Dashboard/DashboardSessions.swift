import Foundation
import GRDB
import SongdalCrypto
import Store

/// Operator browser sessions: the cookie holds a random id, the store its hash and the key id.
struct DashboardSessions: Sendable {
    static let cookie = "sd_op"
    let store: ServiceStore

    func create(keyId: String, now: Date, lifetime: Int) throws -> String {
        let id = Hex.encode(try SecureRandom.bytes(24))
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        try store.pool.write { db in
            try db.execute(sql: "DELETE FROM dashboard_session WHERE expires_at < ?", arguments: [nowMs])
            try db.execute(sql: "INSERT INTO dashboard_session (id_hash, key_id, expires_at) VALUES (?, ?, ?)",
                           arguments: [SHA256.hex(id), keyId, nowMs + Int64(lifetime) * 1000])
        }
        return id
    }

    /// The principal behind a live session cookie (the key must still be valid).
    func principal(cookie: String?, now: Date) throws -> Principal? {
        guard let cookie, cookie.count == 48 else { return nil }
        return try store.pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT k.id, k.scope, k.institution FROM dashboard_session s JOIN api_key k ON k.id = s.key_id
                WHERE s.id_hash = ? AND s.expires_at > ? AND k.revoked_at IS NULL
                """, arguments: [SHA256.hex(cookie), Int64(now.timeIntervalSince1970 * 1000)]).flatMap { row in
                APIKeyScope(rawValue: row["scope"]).map { Principal(keyId: row["id"], scope: $0, institution: row["institution"]) }
            }
        }
    }

    func end(cookie: String?) throws {
        guard let cookie else { return }
        try store.pool.write { db in try db.execute(sql: "DELETE FROM dashboard_session WHERE id_hash = ?", arguments: [SHA256.hex(cookie)]) }
    }
}
