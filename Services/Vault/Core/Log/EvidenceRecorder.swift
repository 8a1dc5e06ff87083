import Foundation
import GRDB
import Schema

/// Records delivery and read evidence the notifier sends (VA-4): once per (notice, kind); a
/// sandbox notice's as `sandbox_delivered` / `sandbox_read` leaves.
public enum EvidenceRecorder {
    public static func record(_ evidence: VaultEvidence, in db: Database) throws {
        try EvidenceRecord.validate(id: evidence.noticeId, field: "noticeId")
        let document = try DocumentRecord.require(evidence.documentId, in: db)
        guard document.institution == evidence.institution else {
            throw ErrorReply(code: .forbidden, message: "the document belongs to another institution", field: "institution")
        }
        let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM notice_evidence WHERE notice_id = ? AND kind = ?",
                                       arguments: [evidence.noticeId, evidence.kind.rawValue]) ?? false
        guard !exists else { return }
        let type: EvidenceEventType = switch (evidence.kind, evidence.sandbox) {
        case (.delivered, false): .delivered
        case (.read, false): .read
        case (.delivered, true): .sandboxDelivered
        case (.read, true): .sandboxRead
        }
        let index = try EvidenceLog.append(EvidenceRecord(
            type: type, time: evidence.occurredAt, documentId: document.documentId, packageId: document.packageId,
            reference: evidence.noticeId, contentHash: document.contentHash), in: db)
        try db.execute(sql: """
            INSERT INTO notice_evidence (notice_id, kind, document_id, institution, recipient_masked, sent_at, occurred_at, leaf_index)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [evidence.noticeId, evidence.kind.rawValue, document.documentId, evidence.institution,
                             String(evidence.recipientMasked.prefix(64)), VaultKeys.millis(evidence.sentAt),
                             VaultKeys.millis(evidence.occurredAt), index])
    }
}
