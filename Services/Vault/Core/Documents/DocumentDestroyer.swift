import Foundation
import GRDB
import Schema
import Store

/// Destruction (VA-3): only after retention or by an explicit order, never under legal hold.
/// The blob is removed; the log keeps the content hash; a destruction certificate is issued.
public struct DocumentDestroyer: Sendable {
    let vault: VaultContext

    public init(vault: VaultContext) { self.vault = vault }

    public func destroy(_ request: DestroyDocument, now: Date, in db: Database, outbox: OutboxWriter?) throws -> CertificateIssued {
        let document = try DocumentRecord.require(request.documentId, in: db)
        guard document.institution == request.institution else {
            throw ErrorReply(code: .forbidden, message: "the document belongs to another institution", field: "institution")
        }
        let state = try DocumentState.fetch(document.documentId, in: db)
        guard state.destroyedAt == nil else {
            throw ErrorReply(code: .alreadyDestroyed, message: "the document was already destroyed", field: "documentId")
        }
        guard !state.legalHold else {
            throw ErrorReply(code: .legalHold, message: "the document is under legal hold", field: "documentId")
        }
        if let order = request.orderReference { try EvidenceRecord.validate(id: order, field: "orderReference") }
        guard request.orderReference != nil || VaultKeys.millis(now) >= document.retentionUntil else {
            throw ErrorReply(code: .retentionNotExpired,
                             message: "retention runs until \(document.retention.formatted(.iso8601)); destruction needs an order",
                             field: "orderReference")
        }
        // Issue 19: the bytes about to be removed are re-hashed and the row checked against its
        // leaf first; an altered document is not destroyed (`IntegrityFailure`, nothing written).
        try DocumentIntegrity(vault: vault).check(document, leaves: [], operation: "destruction", in: db)
        try EvidenceLog.append(EvidenceRecord(type: .destroyed, time: now, documentId: document.documentId,
                                              packageId: document.packageId, reference: request.orderReference ?? "retention",
                                              contentHash: document.contentHash), in: db)
        try db.execute(sql: "UPDATE document_state SET destroyed_at = ?, destruction_order = ? WHERE document_id = ?",
                       arguments: [VaultKeys.millis(now), request.orderReference, document.documentId])
        let certificate = try CertificateIssuer(vault: vault).issue(
            IssueCertificate(kind: .destruction, documentId: document.documentId, institution: document.institution,
                             requester: document.institution, purpose: "destruction"),
            now: now, in: db, outbox: outbox)
        // Last step of the transaction: a failure before this leaves the blob untouched.
        try vault.blobs.remove(document.documentId)
        return certificate
    }

    /// Sets or releases a legal hold.
    public func setHold(_ request: SetLegalHold, in db: Database) throws -> LegalHoldState {
        let document = try DocumentRecord.require(request.documentId, in: db)
        guard document.institution == request.institution else {
            throw ErrorReply(code: .forbidden, message: "the document belongs to another institution", field: "institution")
        }
        try db.execute(sql: "UPDATE document_state SET legal_hold = ?, hold_reason = ? WHERE document_id = ?",
                       arguments: [request.hold ? 1 : 0, request.reason, document.documentId])
        return LegalHoldState(documentId: document.documentId, hold: request.hold)
    }
}
