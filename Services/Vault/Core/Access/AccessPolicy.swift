import Foundation
import GRDB
import Schema
import SongdalCrypto

/// Who may read a document (VA-7): its owner institution, or the holder of an unexpired grant
/// the notifier obtained for the notice's authenticated recipient.
public enum AccessPolicy {
    /// The document when `reader` may read it; `forbidden` otherwise (also for unknown ids, so
    /// a stranger cannot probe which ids exist).
    public static func authorize(_ reader: VaultReader, documentId: String, now: Date, in db: Database) throws -> DocumentRecord {
        let forbidden = ErrorReply(code: .forbidden, message: "no access to document \(documentId)", field: "documentId")
        guard let document = try DocumentRecord.fetch(documentId, in: db) else { throw forbidden }
        if let institution = reader.institution, institution == document.institution { return document }
        if let grantId = reader.grantId {
            let expires = try Int64.fetchOne(db, sql: "SELECT expires_at FROM access_grant WHERE grant_id = ? AND document_id = ?",
                                             arguments: [grantId, documentId])
            if let expires, expires > VaultKeys.millis(now) { return document }
        }
        throw forbidden
    }

    /// Records a grant for a notice's recipient; the institution must own the document.
    public static func grant(_ request: GrantAccess, now: Date, in db: Database) throws -> AccessGranted {
        try EvidenceRecord.validate(id: request.noticeId, field: "noticeId")
        let document = try DocumentRecord.require(request.documentId, in: db)
        guard document.institution == request.institution else {
            throw ErrorReply(code: .forbidden, message: "the document belongs to another institution", field: "institution")
        }
        guard request.expiresAt > now else {
            throw ErrorReply(code: .invalidExpiry, message: "expiresAt must be in the future", field: "expiresAt")
        }
        let grantId = Hex.encode(try SecureRandom.bytes(16))
        try db.execute(sql: "INSERT INTO access_grant (grant_id, document_id, notice_id, expires_at) VALUES (?, ?, ?, ?)",
                       arguments: [grantId, request.documentId, request.noticeId, VaultKeys.millis(request.expiresAt)])
        return AccessGranted(grantId: grantId, documentId: request.documentId, expiresAt: request.expiresAt)
    }
}
