import Schema
import Foundation
import GRDB
import SongdalCrypto

/// Signs checkpoints of the evidence log and keeps them in the `checkpoint` table. Checkpoints are
/// made per batch (after a write that appended leaves), not per leaf: one signature and one
/// time-stamp cover everything appended so far.
public struct CheckpointStore: Sendable {
    let keys: VaultKeys
    let stamper: TimeStamper
    let origin: String

    /// The newest checkpoint.
    public func latest(in db: Database) throws -> SignedCheckpoint? {
        try Row.fetchOne(db, sql: "SELECT * FROM checkpoint ORDER BY size DESC LIMIT 1").map(Self.decode)
    }

    /// All checkpoints, oldest first.
    public func all(in db: Database) throws -> [SignedCheckpoint] {
        try Row.fetchAll(db, sql: "SELECT * FROM checkpoint ORDER BY size").map(Self.decode)
    }

    /// Signs the current tree if it grew since the latest checkpoint; returns the latest.
    @discardableResult
    public func checkpoint(now: Date, in db: Database) throws -> SignedCheckpoint? {
        let size = try EvidenceLog.size(db)
        if let latest = try latest(in: db), latest.size >= size { return latest }
        guard size > 0 else { return nil }
        let root = try EvidenceLog.root(size: size, in: db)
        let note = SignedCheckpoint.note(origin: origin, size: size, root: root)
        let signer = keys.current
        let signature = try signer.sign(Array(note.utf8))
        let token = try stamper.stamp(SHA256.hash(note), at: now)
        let checkpoint = SignedCheckpoint(origin: origin, size: size, rootHash: root, keyId: signer.keyId,
                                          signature: signature, timeStampToken: token)
        try db.execute(sql: """
            INSERT INTO checkpoint (size, origin, root, signed_at, key_id, signature, time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [size, origin, Data(root), VaultKeys.millis(now), signer.keyId, Data(signature), Data(token.der)])
        return checkpoint
    }

    /// A checkpoint that covers leaf `index`, signing a new one when needed.
    public func covering(_ index: Int, now: Date, in db: Database) throws -> SignedCheckpoint {
        if let latest = try latest(in: db), latest.size > index { return latest }
        guard let made = try checkpoint(now: now, in: db), made.size > index else {
            throw MerkleProofError.indexOutOfRange
        }
        return made
    }

    private static func decode(_ row: Row) throws -> SignedCheckpoint {
        return SignedCheckpoint(origin: row["origin"], size: row["size"], rootHash: [UInt8](row["root"] as Data),
                                keyId: row["key_id"], signature: [UInt8](row["signature"] as Data),
                                timeStampToken: try TimeStampToken(der: [UInt8](row["time_stamp"] as Data)))
    }
}
