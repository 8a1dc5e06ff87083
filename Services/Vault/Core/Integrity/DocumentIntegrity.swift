import Foundation
import GRDB
import Schema
import SongdalCrypto

/// One thing found wrong with a stored document when it was re-checked (issue 19): which check
/// failed (a stable code, the same codes the store audit uses) and what differed.
public struct IntegrityFinding: Codable, Sendable, Hashable, CustomStringConvertible {
    /// `blob_altered`, `blob_hash_mismatch`, `blob_missing`, `data_key_missing`,
    /// `content_hash_mismatch`, `metadata_mismatch`, `registration_leaf_missing`, `leaf_altered`,
    /// `checkpoint_root_mismatch`, `checkpoint_signature_invalid`, `time_stamp_mismatch`.
    public var code: String
    /// What differed, in words (hashes and ids only, never contents or personal data).
    public var detail: String

    public init(code: String, detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code): \(detail)" }
}

/// A certificate refused because the document no longer matches its evidence: nothing is
/// issued, and the caller records the findings (`IntegrityFindings.record`) in a transaction
/// that commits although the issuance did not.
public struct IntegrityFailure: Error, Sendable, CustomStringConvertible {
    public var documentId: String
    /// What was being done: `issuance:<kind>` or `destruction`.
    public var operation: String
    public var findings: [IntegrityFinding]

    public init(documentId: String, operation: String, findings: [IntegrityFinding]) {
        self.documentId = documentId
        self.operation = operation
        self.findings = findings
    }

    /// The typed refusal the caller answers: `integrity_failure` (HTTP 502), naming the checks that failed.
    public var reply: ErrorReply {
        ErrorReply(code: .integrityFailure,
                   message: "document \(documentId) no longer matches its evidence (\(findings.map(\.code).joined(separator: ", "))); nothing was issued",
                   field: "documentId")
    }

    public var description: String { "integrity_failure \(documentId) \(operation): \(findings)" }
}

/// Re-checks a document against its evidence before the vault certifies anything about it
/// (issue 19): the blob is re-hashed, the document row is compared with its `registered` leaf
/// (content hash and metadata hash), every leaf the certificate will carry is compared with the
/// stored tree and the latest signed checkpoint, and the registration time stamp with the
/// content hash. Issuance only: nothing here runs on the append or verify paths.
public struct DocumentIntegrity: Sendable {
    let vault: VaultContext

    public init(vault: VaultContext) { self.vault = vault }

    /// The problems found, or none. `leaves` are the leaf indices the certificate will carry
    /// (the registration leaf is always checked). The blob is re-hashed unless the document
    /// was destroyed.
    func findings(_ document: DocumentRecord, leaves: [Int], in db: Database) throws -> [IntegrityFinding] {
        var found: [IntegrityFinding] = []
        func add(_ code: String, _ detail: String) { found.append(IntegrityFinding(code: code, detail: detail)) }
        guard let row = try Row.fetchOne(db, sql: "SELECT leaf_index, time_stamp FROM document WHERE document_id = ?",
                                         arguments: [document.documentId]) else {
            return [IntegrityFinding(code: "registration_leaf_missing", detail: "no document row")]
        }
        let registration: Int = row["leaf_index"]

        // The registration leaf against the row.
        if let bytes = try EvidenceLog.leaf(at: registration, in: db), let record = EvidenceRecord(bytes: bytes),
           record.type == .registered, record.documentId == document.documentId {
            if record.contentHash != document.contentHash {
                add("content_hash_mismatch", "the document row's content hash \(document.contentHash) differs from \(record.contentHash) registered in leaf \(registration)")
            }
            if record.packageId != document.packageId {
                add("metadata_mismatch", "the document row's package \(document.packageId) differs from \(record.packageId) registered in leaf \(registration)")
            }
            // Every registered leaf the vault wrote carries the metadata hash; a leaf without one
            // (none exist today) is checked by the fields it has.
            if !record.metadataHash.isEmpty, record.metadataHash != document.metadataHash {
                add("metadata_mismatch", "the document row's metadata hash \(document.metadataHash) differs from \(record.metadataHash) registered in leaf \(registration) (title, keywords, description, file name, kind, size, dates or owner edited)")
            }
        } else {
            add("registration_leaf_missing", "leaf \(registration) is not this document's registration")
        }

        // Every leaf the certificate will carry: its bytes against the stored tree and the
        // latest signed checkpoint (an edited leaf, or a rewritten tree).
        let latest = try vault.checkpoints.latest(in: db)
        if let latest {
            let key = vault.keys.publicKeys[latest.keyId]
            if key?.isValidSignature(latest.signatureBytes, for: Array(latest.note.utf8)) != true {
                add("checkpoint_signature_invalid", "the latest checkpoint (size \(latest.size)) is not signed by the vault")
            }
        }
        for index in Set(leaves + [registration]).sorted() {
            guard let bytes = try EvidenceLog.leaf(at: index, in: db) else {
                add("leaf_altered", "leaf \(index) is missing")
                continue
            }
            let hash = MerkleHash.leaf(bytes)
            if EvidenceRecord(bytes: bytes)?.documentId != document.documentId {
                add("leaf_altered", "leaf \(index) is not about this document")
            }
            let stored = try Data.fetchOne(db, sql: "SELECT hash FROM log_node WHERE level = 0 AND idx = ?", arguments: [index])
            if stored.map({ [UInt8]($0) }) != hash {
                add("leaf_altered", "the bytes of leaf \(index) hash to \(Hex.encode(hash)), not to the stored leaf hash")
            } else if let latest, index < latest.size {
                let proof = (try? EvidenceLog.inclusionProof(index: index, size: latest.size, in: db)) ?? []
                do {
                    try MerkleVerifier.verifyInclusion(leafHash: hash, index: index, size: latest.size, proof: proof, root: latest.rootHash)
                } catch {
                    add("checkpoint_root_mismatch", "leaf \(index) is not in the signed tree of size \(latest.size) (\(error))")
                }
            }
        }

        // The registration time stamp is over the content hash.
        let contentHash = Hex.decode(document.contentHash) ?? []
        if let token = try? TimeStampToken(der: [UInt8](row["time_stamp"] as Data)) {
            if (try? token.messageImprint) != contentHash {
                add("time_stamp_mismatch", "the registration time stamp is over other content than \(document.contentHash)")
            }
        } else {
            add("time_stamp_mismatch", "the registration time stamp does not parse")
        }

        // The stored bytes, re-hashed (a destroyed document has none left).
        guard try DocumentState.fetch(document.documentId, in: db).destroyedAt == nil else { return found }
        guard let key = try vault.keyring.existing(document.institution, in: db) else {
            add("data_key_missing", "the owner institution has no data key")
            return found
        }
        guard vault.blobs.exists(document.documentId) else {
            add("blob_missing", "the blob is gone but the document was not destroyed")
            return found
        }
        do {
            let summary = try vault.blobs.hash(documentId: document.documentId, key: key)
            let hex = Hex.encode(summary.hash)
            if hex != document.contentHash || Int64(summary.size) != document.size {
                add("blob_hash_mismatch", "the stored bytes hash to \(hex) (\(summary.size) bytes), the row says \(document.contentHash) (\(document.size) bytes)")
            }
        } catch {
            add("blob_altered", "the blob fails authentication (bytes changed on disk)")
        }
        return found
    }

    /// Throws `IntegrityFailure` when `findings` finds anything.
    func check(_ document: DocumentRecord, leaves: [Int], operation: String, in db: Database) throws {
        let found = try findings(document, leaves: leaves, in: db)
        guard found.isEmpty else {
            throw IntegrityFailure(documentId: document.documentId, operation: operation, findings: found)
        }
    }
}
