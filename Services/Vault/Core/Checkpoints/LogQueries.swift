import Bus
import Foundation
import GRDB
import Schema
import SongdalCrypto

/// The log's signed checkpoints and consistency proofs over the bus (VA-4), so an auditor can
/// check append-only growth without an export of the store. Read-only queries.
enum LogQueries {
    static func register(on endpoint: BusEndpoint) {
        endpoint.answer(VaultCheckpointsQuery.self) { request, context in
            try await context.store.pool.read { db in try checkpoints(request, in: db) }
        }
        endpoint.answer(VaultConsistencyQuery.self) { request, context in
            try await context.store.pool.read { db in try consistency(request, in: db) }
        }
    }

    static func checkpoints(_ request: VaultCheckpointsQuery, in db: Database) throws -> VaultCheckpointList {
        guard request.fromSize >= 0 else {
            throw ErrorReply(code: .invalidTreeSize, message: "fromSize must not be negative", field: "fromSize")
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT size, origin, root, signed_at, key_id, signature, time_stamp FROM checkpoint WHERE size >= ? ORDER BY size LIMIT ?
            """, arguments: [request.fromSize, max(1, min(request.limit, 1_000))])
        let entries = rows.map { row in
            VaultCheckpointEntry(origin: row["origin"], size: row["size"], root: (row["root"] as Data).base64EncodedString(),
                                 keyId: row["key_id"], signature: (row["signature"] as Data).base64EncodedString(),
                                 timeStampToken: (row["time_stamp"] as Data).base64EncodedString(),
                                 signedAt: CertificateIssuer.date(row["signed_at"]))
        }
        return VaultCheckpointList(checkpoints: entries, logSize: try EvidenceLog.size(db))
    }

    static func consistency(_ request: VaultConsistencyQuery, in db: Database) throws -> VaultConsistencyProof {
        let size = try EvidenceLog.size(db)
        guard request.first >= 0, request.first <= request.second, request.second <= size else {
            throw ErrorReply(code: .invalidTreeSize, message: "need 0 ≤ first ≤ second ≤ \(size) (the log's size)", field: "second")
        }
        let proof = try EvidenceLog.consistencyProof(first: request.first, second: request.second, in: db)
        return VaultConsistencyProof(first: request.first, second: request.second,
                                     firstRoot: Hex.encode(try EvidenceLog.root(size: request.first, in: db)),
                                     secondRoot: Hex.encode(try EvidenceLog.root(size: request.second, in: db)),
                                     proof: proof.map(Hex.encode))
    }
}
