import Schema
import Foundation
import GRDB

/// What may change about a stored document: legal hold and destruction.
struct DocumentState: Sendable {
    var legalHold: Bool
    var destroyedAt: Int64?

    static func fetch(_ documentId: String, in db: Database) throws -> DocumentState {
        let row = try Row.fetchOne(db, sql: "SELECT legal_hold, destroyed_at FROM document_state WHERE document_id = ?",
                                   arguments: [documentId])
        return DocumentState(legalHold: (row?["legal_hold"] as Int?) == 1, destroyedAt: row?["destroyed_at"])
    }
}
