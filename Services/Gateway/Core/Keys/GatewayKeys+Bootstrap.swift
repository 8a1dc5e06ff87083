import Foundation
import GRDB
import SongdalCrypto

extension GatewayKeys {
    /// Registers a key chosen outside the gateway (the `bootstrap-operator-key` setting, which
    /// compose passes from a secret) unless it is already there. Returns whether it was added.
    @discardableResult
    public func ensure(plaintext: String, scope: APIKeyScope, label: String, now: Date) throws -> Bool {
        let parts = plaintext.split(separator: "_")
        guard parts.count == 3, parts[0] == "sdk", parts[1].count >= 8, parts[2].count >= 32,
              parts.dropFirst().allSatisfy({ $0.allSatisfy(\.isHexDigit) }) else {
            throw BootstrapKeyError()
        }
        let hash = SHA256.hex(plaintext)
        return try store.pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM api_key WHERE secret_hash = ?", arguments: [hash]) == nil else {
                return false
            }
            try db.execute(sql: """
                INSERT INTO api_key (id, secret_hash, scope, institution, label, created_at) VALUES (?, ?, ?, NULL, ?, ?)
                """, arguments: ["gk_\(parts[1])", hash, scope.rawValue, label, Int64(now.timeIntervalSince1970 * 1000)])
            return true
        }
    }
}

/// A bootstrap key that is not `sdk_<16+ hex>_<32+ hex>`.
public struct BootstrapKeyError: Error, CustomStringConvertible {
    public var description: String { "bootstrap-operator-key must look like sdk_<hex id>_<hex secret> (see `songdal keys`)" }
}
