import Foundation
import GRDB
import Schema
import Store

/// The second transaction of a pipeline step: each attempt's outcome, as `NoticeLifecycle`
/// transitions. The lifecycle emits the billing usage (`notice.sent`, once per notice by event
/// id; never for a sandbox notice, X-8) and the vault's delivery evidence, batched into one
/// outbox message each. `delivered` comes only with the carrier's receipt.
struct StepResults {
    let lifecycle: NoticeLifecycle
    let settings: NotifierSettings
    let now: Date

    func apply(_ results: [SendResult], db: Database, outbox: OutboxWriter) throws {
        var batch = lifecycle.batch(db)
        for item in results {
            let notice = item.notice
            for event in item.events { try NoticeTimelineStore.add(notice.seq, "provider", at: now, detail: event, in: db) }
            switch item.result {
            case .delivered(let channel, let provider, let receipt):
                _ = try batch.move(notice, [
                    NoticeLifecycle.Step(.sent, .providerAccepted(provider: provider, channel: channel), at: now),
                    NoticeLifecycle.Step(.delivered, .carrierReceipt(receipt), at: receipt.at),
                ])
            case .accepted(let channel, let provider):
                _ = try batch.move(notice, to: .sent, cause: .providerAccepted(provider: provider, channel: channel), at: now)
            case .retry(let reason):
                if notice.attempts >= settings.maxAttempts {
                    _ = try batch.move(notice, to: .failed, cause: .failure(
                        reason: ErrorCode.undeliverable.rawValue, detail: "\(reason) after \(notice.attempts) attempts"), at: now)
                } else {
                    let backoff = min(3600, settings.retrySeconds * pow(2, Double(max(0, notice.attempts - 1))))
                    let next = Millis.date(Millis.of(now) + Int64(backoff * 1000))
                    if case .success = try batch.move(notice, to: .scheduled, cause: .retry(reason: reason, next: next), at: now) {
                        try NoticeTimelineStore.add(notice.seq, "retry", at: now, detail: "\(reason); next in \(Int(backoff)) s", in: db)
                    }
                }
            case .undeliverable(let reason):
                _ = try batch.move(notice, to: .failed, cause: .failure(reason: ErrorCode.undeliverable.rawValue, detail: reason), at: now)
            }
        }
        try batch.commit(outbox)
    }
}
