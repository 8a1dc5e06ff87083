import Foundation
import GRDB
import Schema
import SongdalCrypto
import Store

/// API keys in `gateway.sqlite`: only the SHA-256 of a key's secret is stored, so a copied
/// database authenticates nobody. A key reads `sdk_<id>_<secret>`; the id part is safe to log.
/// A sandbox key reads `sdk_test_<id>_<secret>`, recognisable at a glance, like the test
/// keys of payment and notification APIs; its id is `gk_test_<id>`.
public struct GatewayKeys: Sendable {
    public let store: ServiceStore

    public init(store: ServiceStore) { self.store = store }

    /// Opens (creating if needed) `<directory>/gateway.sqlite`, where `directory` is the data
    /// directory the executable gets (`--data-dir`, `SONGDAL_DATA_DIR`), as `songdal up` does
    /// before the gateway runs, to seed the first keys.
    public init(directory: URL) throws {
        self.init(store: try ServiceStore(directory: directory, service: GatewayService.name, migrations: GatewayService.migrations))
    }

    /// Creates a key and returns its plaintext, shown once. Institution keys need `institution`;
    /// operator and auditor keys must not have one. `now` is only bookkeeping (when the key was
    /// made), so the wall clock is an acceptable default here. `sandbox` makes a sandbox key
    /// (institution keys only).
    @discardableResult
    public func create(institution: String?, scope: APIKeyScope, label: String = "", now: Date = Date(),
                       sandbox: Bool = false) throws -> String {
        if sandbox, scope != .institution {
            throw ErrorReply(code: .sandboxNotAllowed, message: "only institution keys can be sandbox keys", field: "sandbox")
        }
        if scope == .institution {
            guard let institution, !institution.isEmpty, institution.count <= 128 else {
                throw ErrorReply(code: .institutionRequired, message: "an institution key needs an institution id", field: "institution")
            }
        } else if institution != nil {
            throw ErrorReply(code: .institutionNotAllowed, message: "\(scope.rawValue) keys are not bound to an institution", field: "institution")
        }
        let id = Hex.encode(try SecureRandom.bytes(8))
        let secret = Hex.encode(try SecureRandom.bytes(24))
        let plaintext = sandbox ? "\(Self.sandboxPrefix)\(id)_\(secret)" : "sdk_\(id)_\(secret)"
        let hash = SHA256.hex(plaintext)
        try store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO api_key (id, secret_hash, scope, institution, label, created_at, sandbox) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [Self.keyId(of: plaintext), hash, scope.rawValue, institution, label,
                                 Int64(now.timeIntervalSince1970 * 1000), sandbox])
        }
        return plaintext
    }

    /// How every sandbox key begins.
    public static let sandboxPrefix = "sdk_test_"

    /// The public id of a key's plaintext: `gk_<id>` (`gk_test_<id>` for a sandbox key).
    public static func keyId(of plaintext: String) -> String {
        let parts = plaintext.split(separator: "_")
        if plaintext.hasPrefix(sandboxPrefix), parts.count >= 3 { return "gk_test_\(parts[2])" }
        return "gk_" + (parts.dropFirst().first.map(String.init) ?? "")
    }

    /// The principal a presented key stands for, or nil when unknown or revoked.
    public func principal(for presented: String) throws -> Principal? {
        guard presented.hasPrefix("sdk_"), presented.count < 200 else { return nil }
        let hash = SHA256.hex(presented)
        return try store.pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT id, scope, institution, sandbox FROM api_key WHERE secret_hash = ? AND revoked_at IS NULL
                """, arguments: [hash]).flatMap { row in
                APIKeyScope(rawValue: row["scope"]).map {
                    Principal(keyId: row["id"], scope: $0, institution: row["institution"], sandbox: row["sandbox"])
                }
            }
        }
    }

    /// Revokes a key by its id; answers whether one was revoked.
    @discardableResult
    public func revoke(keyId: String, now: Date) throws -> Bool {
        try store.pool.write { db in
            try db.execute(sql: "UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [Int64(now.timeIntervalSince1970 * 1000), keyId])
            return db.changesCount > 0
        }
    }
}
