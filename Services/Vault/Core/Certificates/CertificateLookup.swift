import Foundation
import GRDB
import Schema
import SongdalCrypto

/// Online verification by serial and the published key history (VA-6).
public enum CertificateLookup {
    /// Verifies a stored certificate with the key history, and that its checkpoint is still a
    /// prefix of the current log (consistency proof).
    public static func verify(serial: String, vault: VaultContext, now: Date, allowSandbox: Bool = false,
                              in db: Database) throws -> CertificateVerification {
        guard let row = try Row.fetchOne(db, sql: "SELECT json, signature FROM certificate WHERE serial = ?", arguments: [serial]) else {
            throw ErrorReply(code: .notFound, message: "no certificate \(serial)", field: "serial")
        }
        let json: String = row["json"]
        let result = CertificateVerifier.verify(
            json: Array(json.utf8), signature: [UInt8](row["signature"] as Data), trustedKeys: Array(vault.keys.publicKeys.values),
            now: now, history: try history(in: db), allowSandbox: allowSandbox)
        var problems = result.codes
        if let checkpoint = result.certificate?.evidence.checkpoint, let latest = try vault.checkpoints.latest(in: db) {
            let proof = (try? EvidenceLog.consistencyProof(first: checkpoint.size, second: latest.size, in: db)) ?? []
            do {
                try MerkleVerifier.verifyConsistency(first: checkpoint.size, second: latest.size, firstRoot: checkpoint.rootHash,
                                                     secondRoot: latest.rootHash, proof: proof)
            } catch {
                problems.append("log_inconsistent")
            }
        }
        let reason = result.problems.first { $0.code == "sandbox_certificate" }?.message
        return CertificateVerification(serial: serial, valid: problems.isEmpty, problems: problems, sandbox: result.isSandbox,
                                       reason: reason)
    }

    /// The signing-key history rows.
    public static func history(in db: Database) throws -> [VaultKeyHistoryEntry] {
        try Row.fetchAll(db, sql: "SELECT key_id, active_from, retired_at FROM signing_key ORDER BY active_from").map { row in
            VaultKeyHistoryEntry(keyId: row["key_id"], activeFrom: CertificateIssuer.date(row["active_from"]),
                                 retiredAt: (row["retired_at"] as Int64?).map(CertificateIssuer.date))
        }
    }

    /// The published key history with public keys and the TSA certificate.
    public static func keyHistory(vault: VaultContext, in db: Database) throws -> VaultKeyHistory {
        let keys = vault.keys.publicKeys
        return VaultKeyHistory(keys: try history(in: db).compactMap { entry in
            guard let key = keys[entry.keyId] else { return nil }
            return VaultKeyHistory.Key(keyId: entry.keyId, publicKeyPEM: key.pem, activeFrom: entry.activeFrom, retiredAt: entry.retiredAt)
        }, tsaCertificatePEM: vault.tsaCertificate.pem)
    }
}
