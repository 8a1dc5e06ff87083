import Foundation
import GRDB
import SongdalCrypto
import Store

/// The short-lived browser session bound to one link token after the OTP: the cookie holds a
/// random id; the store keeps only its hash, the token's hash and the notifier's session id.
struct RecipientSessions: Sendable {
    static let cookie = "sd_r"
    let store: ServiceStore

    /// Creates a session; returns the cookie value.
    func create(token: String, notifierSession: String, now: Date, lifetime: Int) throws -> String {
        let id = Hex.encode(try SecureRandom.bytes(24))
        let expires = Int64((now.timeIntervalSince1970 + Double(lifetime)) * 1000)
        let nowMs = Int64(now.timeIntervalSince1970 * 1000)
        try store.pool.write { db in
            // Expired sessions go on the way, so the table stays small without a sweeper.
            try db.execute(sql: "DELETE FROM recipient_session WHERE expires_at < ?", arguments: [nowMs])
            try db.execute(sql: """
                INSERT INTO recipient_session (id_hash, token_hash, stage, notifier_session, expires_at) VALUES (?, ?, 'verified', ?, ?)
                """, arguments: [SHA256.hex(id), SHA256.hex(token), notifierSession, expires])
        }
        return id
    }

    /// The notifier session of a live cookie for this token, or nil.
    func notifierSession(cookie: String?, token: String, now: Date) throws -> String? {
        guard let cookie, cookie.count == 48 else { return nil }
        return try store.pool.read { db in
            try String.fetchOne(db, sql: """
                SELECT notifier_session FROM recipient_session WHERE id_hash = ? AND token_hash = ? AND expires_at > ?
                """, arguments: [SHA256.hex(cookie), SHA256.hex(token), Int64(now.timeIntervalSince1970 * 1000)])
        }
    }
}
