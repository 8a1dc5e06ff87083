import Foundation
import GRDB
import Schema
import SongdalCrypto

/// `verify` (VA-4): re-hashes blobs, re-checks metadata against the registration leaves,
/// recomputes the whole tree from the leaf bytes, checks every stored node and checkpoint, and
/// re-verifies certificates — naming the document behind each problem.
public struct VaultAuditor: Sendable {
    let vault: VaultContext
    /// Re-verify the time-stamp token of every checkpoint (the newest is always checked).
    public var checkAllCheckpointStamps = true

    public init(vault: VaultContext) { self.vault = vault }

    typealias Problem = VaultAuditReport.Problem

    /// Audits the whole store.
    public func auditStore(pool: DatabasePool) throws -> VaultAuditReport {
        try pool.read { db in
            var problems: [Problem] = []
            var tree = MerkleTree()
            let leaves = try Row.fetchCursor(db, sql: "SELECT idx, document_id, data FROM log_leaf ORDER BY idx")
            var expected = 0
            while let row = try leaves.next() {
                let index: Int = row["idx"]
                let data = [UInt8](row["data"] as Data)
                let column: String = row["document_id"]
                if index != expected {
                    problems.append(Problem(code: "leaf_missing", documentId: nil, message: "leaf \(expected) is missing"))
                    expected = index
                }
                tree.append(leafHash: MerkleHash.leaf(data))
                if let record = EvidenceRecord(bytes: data) {
                    if record.documentId != column {
                        problems.append(Problem(code: "leaf_altered", documentId: column, message: "leaf \(index) names another document"))
                    }
                } else {
                    problems.append(Problem(code: "leaf_malformed", documentId: column, message: "leaf \(index) is not an evidence record"))
                }
                expected += 1
            }
            let documentsOfLeaves = try documentIdsByLeaf(db)
            let nodes = try Row.fetchCursor(db, sql: "SELECT level, idx, hash FROM log_node")
            var nodeCount = 0
            while let row = try nodes.next() {
                nodeCount += 1
                let level: Int = row["level"], index: Int = row["idx"]
                let stored = [UInt8](row["hash"] as Data)
                let recomputed = try? tree.perfectHash(level: level, index: index)
                if recomputed != stored {
                    let leaf = index << level
                    let code = level == 0 ? "leaf_altered" : "node_altered"
                    problems.append(Problem(code: code, documentId: documentsOfLeaves[leaf],
                                            message: "stored hash of node (\(level), \(index)) differs from the recomputed one"))
                }
            }
            problems += try checkpointProblems(tree: tree, in: db)
            let documents = try String.fetchAll(db, sql: "SELECT document_id FROM document ORDER BY registered_at")
            for documentId in documents { problems += try documentProblems(documentId, tree: tree, in: db) }
            problems += try flaggedProblems(documentId: nil, in: db)
            let certificates = try certificateProblems(documentId: nil, in: db)
            return VaultAuditReport(documents: documents.count, leaves: tree.size,
                                    checkpoints: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM checkpoint") ?? 0,
                                    certificates: certificates.count, problems: problems + certificates.problems)
        }
    }

    /// Audits one document: its blob, metadata, leaves (against the stored tree and the latest
    /// signed checkpoint) and certificates.
    public func auditDocument(_ documentId: String, pool: DatabasePool) throws -> VaultAuditReport {
        try pool.read { db in
            guard try DocumentRecord.fetch(documentId, in: db) != nil else {
                throw ErrorReply(code: .notFound, message: "no document \(documentId)", field: "documentId")
            }
            var problems = try documentProblems(documentId, tree: nil, in: db)
            let indices = try EvidenceLog.leaves(of: documentId, in: db)
            let latest = try vault.checkpoints.latest(in: db)
            if let latest {
                if let code = latest.problem(key: vault.keys.publicKeys[latest.keyId], tsa: vault.tsaCertificate) {
                    problems.append(Problem(code: code, documentId: nil, message: "latest checkpoint (size \(latest.size))"))
                }
                if (try? EvidenceLog.root(size: latest.size, in: db)) != latest.rootHash {
                    problems.append(Problem(code: "checkpoint_root_mismatch", documentId: nil,
                                            message: "stored tree differs from the signed root of size \(latest.size)"))
                }
            }
            for index in indices {
                guard let bytes = try EvidenceLog.leaf(at: index, in: db) else { continue }
                if let latest, index < latest.size {
                    let proof = (try? EvidenceLog.inclusionProof(index: index, size: latest.size, in: db)) ?? []
                    do {
                        try MerkleVerifier.verifyInclusion(leafHash: MerkleHash.leaf(bytes), index: index, size: latest.size,
                                                           proof: proof, root: latest.rootHash)
                    } catch {
                        problems.append(Problem(code: "leaf_altered", documentId: documentId,
                                                message: "leaf \(index) is not in the signed tree: \(error)"))
                    }
                }
            }
            problems += try flaggedProblems(documentId: documentId, in: db)
            let certificates = try certificateProblems(documentId: documentId, in: db)
            return VaultAuditReport(documents: 1, leaves: indices.count, checkpoints: latest == nil ? 0 : 1,
                                    certificates: certificates.count, problems: problems + certificates.problems)
        }
    }

    private func documentIdsByLeaf(_ db: Database) throws -> [Int: String] {
        // Only leaf → document for naming problems; read lazily would cost a query per node.
        var map: [Int: String] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT idx, document_id FROM log_leaf")
        while let row = try rows.next() { map[row["idx"]] = row["document_id"] }
        return map
    }

    private func checkpointProblems(tree: MerkleTree, in db: Database) throws -> [Problem] {
        var problems: [Problem] = []
        let all = try vault.checkpoints.all(in: db)
        for (offset, checkpoint) in all.enumerated() {
            guard checkpoint.size <= tree.size, tree.root(size: checkpoint.size) == checkpoint.rootHash else {
                problems.append(Problem(code: "checkpoint_root_mismatch", documentId: nil,
                                        message: "the log no longer matches the signed root of size \(checkpoint.size)"))
                continue
            }
            let key = vault.keys.publicKeys[checkpoint.keyId]
            if checkAllCheckpointStamps || offset == all.count - 1 {
                if let code = checkpoint.problem(key: key, tsa: vault.tsaCertificate) {
                    problems.append(Problem(code: code, documentId: nil, message: "checkpoint of size \(checkpoint.size)"))
                }
            } else if key?.isValidSignature(checkpoint.signatureBytes, for: Array(checkpoint.note.utf8)) != true {
                problems.append(Problem(code: "checkpoint_signature_invalid", documentId: nil, message: "checkpoint of size \(checkpoint.size)"))
            }
        }
        return problems
    }

    private func documentProblems(_ documentId: String, tree: MerkleTree?, in db: Database) throws -> [Problem] {
        guard let document = try DocumentRecord.fetch(documentId, in: db),
              let row = try Row.fetchOne(db, sql: "SELECT leaf_index, time_stamp FROM document WHERE document_id = ?", arguments: [documentId])
        else { return [] }
        var problems: [Problem] = []
        func add(_ code: String, _ message: String) { problems.append(Problem(code: code, documentId: documentId, message: message)) }
        let leafIndex: Int = row["leaf_index"]
        if let bytes = try EvidenceLog.leaf(at: leafIndex, in: db), let record = EvidenceRecord(bytes: bytes), record.type == .registered,
           record.documentId == documentId {
            if record.metadataHash != document.metadataHash || record.contentHash != document.contentHash
                || record.packageId != document.packageId {
                add("metadata_mismatch", "the document row differs from what was registered in leaf \(leafIndex)")
            }
        } else {
            add("registration_leaf_missing", "leaf \(leafIndex) is not this document's registration")
        }
        let contentHash = Hex.decode(document.contentHash) ?? []
        if let token = try? TimeStampToken(der: [UInt8](row["time_stamp"] as Data)) {
            if (try? token.messageImprint) != contentHash {
                add("time_stamp_mismatch", "the registration time-stamp is over other content")
            } else if (try? token.verify(sha256Digest: contentHash, certificate: vault.tsaCertificate)) == nil {
                add("time_stamp_invalid", "the registration time-stamp does not verify")
            }
        } else {
            add("time_stamp_invalid", "the registration time-stamp does not parse")
        }
        let state = try DocumentState.fetch(documentId, in: db)
        if state.destroyedAt != nil {
            if vault.blobs.exists(documentId) { add("blob_not_destroyed", "a destroyed document still has its blob") }
        } else if let key = try vault.keyring.existing(document.institution, in: db) {
            if !vault.blobs.exists(documentId) {
                add("blob_missing", "the blob is gone but the document was not destroyed")
            } else if let summary = try? vault.blobs.hash(documentId: documentId, key: key) {
                if Hex.encode(summary.hash) != document.contentHash || Int64(summary.size) != document.size {
                    add("blob_hash_mismatch", "the stored bytes do not match the registered hash")
                }
            } else {
                add("blob_altered", "the blob fails authentication (bytes changed on disk)")
            }
        } else {
            add("data_key_missing", "the owner institution has no data key")
        }
        return problems
    }

    /// Documents flagged when an issuance or destruction was refused (issue 19): named even
    /// when what was found cannot be pinned on them now (a rewritten tree breaks only the
    /// signed checkpoint, which names no document).
    private func flaggedProblems(documentId: String?, in db: Database) throws -> [Problem] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT document_id, MAX(found_at) AS last, COUNT(*) AS n, GROUP_CONCAT(DISTINCT code) AS codes FROM integrity_finding
            \(documentId == nil ? "" : "WHERE document_id = ?") GROUP BY document_id ORDER BY document_id
            """, arguments: documentId.map { [$0] } ?? [])
        return rows.map { row in
            let last = CertificateIssuer.date(row["last"]).formatted(.iso8601)
            return Problem(code: "integrity_flagged", documentId: row["document_id"],
                           message: "flagged \(row["n"] as Int) time(s), last at \(last), when issuing was refused (\(row["codes"] as String? ?? ""))")
        }
    }

    private func certificateProblems(documentId: String?, in db: Database) throws -> (count: Int, problems: [Problem]) {
        let rows = try Row.fetchAll(db, sql: """
            SELECT serial, document_id, json, signature FROM certificate \(documentId == nil ? "" : "WHERE document_id = ?")
            """, arguments: documentId.map { [$0] } ?? [])
        let trusted = Array(vault.keys.publicKeys.values)
        var problems: [Problem] = []
        for row in rows {
            let json: String = row["json"]
            // The audit checks integrity: a sandbox certificate is sound as a sandbox certificate.
            let result = CertificateVerifier.verify(json: Array(json.utf8), signature: [UInt8](row["signature"] as Data), trustedKeys: trusted,
                                                    allowSandbox: true)
            for problem in result.problems {
                problems.append(Problem(code: "certificate_\(problem.code)", documentId: row["document_id"],
                                        message: "certificate \(row["serial"] as String): \(problem.message)"))
            }
        }
        return (rows.count, problems)
    }
}
