import Foundation
import GRDB
import Schema
import Store

/// Applies a provider's delivery receipt (NO-10): `sent` → `delivered` (with vault evidence) or
/// `failed`; a receipt for a notice already final (or already delivered) is kept on the timeline and ignored.
enum ReceiptBook {
    static func apply(_ receipt: DeliveryReceipt, context: NotifierContext, now: Date, outbox: OutboxWriter, in db: Database) throws {
        guard let seq = context.ids.seq(receipt.noticeId), let notice = try NoticeRow.fetch(seq, in: db) else {
            throw NotifierErrorCode.noticeNotFound.reply("no notice \(receipt.noticeId)", field: "noticeId")
        }
        guard notice.state == .sent || notice.state == .sending else {
            try NoticeTimelineStore.add(seq, "receipt_ignored", at: now, detail: "\(receipt.status.rawValue) after \(notice.state.rawValue)", in: db)
            return
        }
        var tally = CampaignTally()
        switch receipt.status {
        case .delivered:
            let sentAt = notice.sentAt ?? now
            let watch = DueNotice.watch(sentAt: sentAt, delivered: true, deadline: notice.readDeadline,
                                        remindedAfter: notice.remindedAfter != nil, remindedDeadline: notice.remindedDeadline != nil)
            try db.execute(sql: "UPDATE notice SET state = 'delivered', delivered_at = ?, watch_at = ? WHERE seq = ?",
                           arguments: [Millis.of(receipt.at), watch.map(Millis.of), seq])
            tally.move(notice.campaignId, from: notice.state.rawValue, to: NoticeState.delivered.rawValue)
            try outbox.send(VaultEvidenceBatch(items: [VaultEvidence(
                noticeId: receipt.noticeId, documentId: notice.documentId, kind: .delivered, institution: notice.institution,
                recipientMasked: notice.recipientMasked ?? "", sentAt: sentAt, occurredAt: receipt.at, sandbox: notice.sandbox)]), in: db)
        case .failed:
            try db.execute(sql: "UPDATE notice SET state = 'failed', reason = ?, final_at = ?, watch_at = NULL WHERE seq = ?",
                           arguments: [String((receipt.reason ?? "provider_failed").prefix(64)), Millis.of(now), seq])
            tally.move(notice.campaignId, from: notice.state.rawValue, to: NoticeState.failed.rawValue)
        }
        try NoticeTimelineStore.add(seq, "receipt", at: now, detail: "\(receipt.provider): \(receipt.status.rawValue)", in: db)
        try tally.flush(db)
    }
}
