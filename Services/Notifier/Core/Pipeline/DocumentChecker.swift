import Bus
import Foundation
import GRDB
import Schema

/// Whether the vault holds a notice's document for its institution, asked once per (document,
/// institution) with `vault.metadata` and remembered. Unknown ids end the notice
/// `failed(document_not_found)` before anything is sent.
struct DocumentChecker: Sendable {
    let context: NotifierContext

    struct Key: Hashable, Sendable { var document: String; var institution: String }

    /// true: found; false: not found; missing: the vault did not answer (ask again later).
    func check(_ keys: Set<Key>) async throws -> [Key: Bool] {
        var known: [Key: Bool] = try await context.endpoint.store.pool.read { db in
            var known: [Key: Bool] = [:]
            for key in keys {
                if let found = try Bool.fetchOne(db, sql: "SELECT found FROM document_check WHERE document_id = ? AND institution = ?",
                                                 arguments: [key.document, key.institution]) { known[key] = found }
            }
            return known
        }
        var learned: [Key: Bool] = [:]
        for key in keys where known[key] == nil {
            do {
                _ = try await context.endpoint.request(DocumentMetadataQuery(documentId: key.document, reader: .institution(key.institution)))
                learned[key] = true
            } catch BusError.rejected(let reply) where [ErrorCode.forbidden, .notFound, .documentNotFound].contains(reply.code) {
                learned[key] = false
            } catch {
                context.logger.warning("document check deferred", metadata: ["document": "\(key.document)", "error": "\(error)"])
            }
        }
        if !learned.isEmpty {
            let found = learned.filter(\.value)
            try await context.endpoint.store.pool.write { db in
                // Only positive answers are remembered: a document stored later must not stay "missing".
                for key in found.keys {
                    try db.execute(sql: "INSERT OR REPLACE INTO document_check (document_id, institution, found) VALUES (?, ?, 1)",
                                   arguments: [key.document, key.institution])
                }
            }
            known.merge(learned) { _, new in new }
        }
        return known
    }
}
