import Foundation
import GRDB
import Schema
import Store

/// Applies a provider's delivery receipt (NO-10) through `NoticeLifecycle`: `sent` → `delivered`
/// (with vault evidence; `sending` → `sent` → `delivered` when the receipt overtook the step's
/// own write) or `failed`. A receipt for a notice already final, or already delivered, is
/// refused by the lifecycle: kept on the timeline as `refused` and logged, the notice unchanged.
enum ReceiptBook {
    /// `receiptId`: the carrier's id for the receipt, or one derived from the bus message.
    static func apply(_ receipt: DeliveryReceipt, receiptId: String, context: NotifierContext, now: Date, outbox: OutboxWriter,
                      in db: Database) throws {
        let found: NoticeRow?
        do {
            found = try context.ids.seq(receipt.noticeId).flatMap { try NoticeRow.fetch($0, in: db) }
        } catch let error as LifecycleError {
            throw error.reply
        }
        guard let notice = found else {
            throw ErrorCode.noticeNotFound.reply("no notice \(receipt.noticeId)", field: "noticeId")
        }
        let steps: [NoticeLifecycle.Step]
        switch receipt.status {
        case .delivered:
            let carrier = CarrierReceipt(id: receiptId, provider: receipt.provider, at: receipt.at)
            let delivered = NoticeLifecycle.Step(.delivered, .carrierReceipt(carrier), at: receipt.at)
            steps = notice.state == .sending
                ? [NoticeLifecycle.Step(.sent, .providerAccepted(provider: receipt.provider, channel: nil), at: receipt.at), delivered]
                : [delivered]
        case .failed:
            steps = [NoticeLifecycle.Step(.failed, .failure(reason: String((receipt.reason ?? "provider_failed").prefix(64)),
                                                            detail: "receipt from \(receipt.provider)"), at: now)]
        }
        var batch = context.lifecycle.batch(db)
        _ = try batch.move(notice, steps)
        try batch.commit(outbox)
    }
}
