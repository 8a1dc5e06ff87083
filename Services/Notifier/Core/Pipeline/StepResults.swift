import Foundation
import GRDB
import Schema
import Store

/// The second transaction of a pipeline step: each attempt's outcome, with the billing usage
/// (`notice.sent`, once per notice by event id; never for a sandbox notice, X-8) and the vault's delivery evidence batched into
/// one outbox message each.
struct StepResults {
    let context: NotifierContext
    let now: Date

    func apply(_ results: [SendResult], db: Database, outbox: OutboxWriter) throws {
        let at = Millis.of(now)
        var tally = CampaignTally()
        var usage: [UsageEvent] = []
        var evidence: [VaultEvidence] = []
        let sent = try db.cachedStatement(sql: """
            UPDATE notice SET state = ?, channel = ?, provider = ?, sent_at = ?, delivered_at = ?, watch_at = ? WHERE seq = ?
            """)
        let retry = try db.cachedStatement(sql: "UPDATE notice SET state = 'scheduled', due_at = ? WHERE seq = ?")
        let fail = try db.cachedStatement(sql: "UPDATE notice SET state = 'failed', reason = ?, final_at = ?, due_at = NULL WHERE seq = ?")
        for item in results {
            let notice = item.notice
            let id = context.ids.id(notice.seq)
            for event in item.events { try NoticeTimelineStore.add(notice.seq, "provider", at: now, detail: event, in: db) }
            switch item.result {
            case .delivered(let channel, let provider, let deliveredAt):
                let watch = DueNotice.watch(sentAt: now, delivered: true, deadline: notice.readDeadline, remindedAfter: false, remindedDeadline: false)
                try sent.execute(arguments: [NoticeState.delivered.rawValue, channel.rawValue, provider, at, Millis.of(deliveredAt),
                                             watch.map(Millis.of), notice.seq])
                tally.move(notice.campaignId, from: NoticeState.sending.rawValue, to: NoticeState.delivered.rawValue)
                if !notice.sandbox {
                    usage.append(UsageEvent(eventId: "notice.sent:\(id)", institution: notice.institution, item: .noticeSent,
                                            quantity: 1, occurredAt: now, reference: id))
                }
                evidence.append(VaultEvidence(noticeId: id, documentId: notice.documentId, kind: .delivered, institution: notice.institution,
                                              recipientMasked: notice.recipientMasked ?? "", sentAt: now, occurredAt: deliveredAt,
                                              sandbox: notice.sandbox))
            case .accepted(let channel, let provider):
                let watch = DueNotice.watch(sentAt: now, delivered: false, deadline: notice.readDeadline, remindedAfter: false, remindedDeadline: false)
                try sent.execute(arguments: [NoticeState.sent.rawValue, channel.rawValue, provider, at, nil, watch.map(Millis.of), notice.seq])
                tally.move(notice.campaignId, from: NoticeState.sending.rawValue, to: NoticeState.sent.rawValue)
                if !notice.sandbox {
                    usage.append(UsageEvent(eventId: "notice.sent:\(id)", institution: notice.institution, item: .noticeSent,
                                            quantity: 1, occurredAt: now, reference: id))
                }
            case .retry(let reason):
                if notice.attempts >= context.settings.maxAttempts {
                    try fail.execute(arguments: [NotifierErrorCode.undeliverable.rawValue, at, notice.seq])
                    tally.move(notice.campaignId, from: NoticeState.sending.rawValue, to: NoticeState.failed.rawValue)
                } else {
                    let backoff = min(3600, context.settings.retrySeconds * pow(2, Double(max(0, notice.attempts - 1))))
                    try retry.execute(arguments: [at + Int64(backoff * 1000), notice.seq])
                    try NoticeTimelineStore.add(notice.seq, "retry", at: now, detail: "\(reason); next in \(Int(backoff)) s", in: db)
                    tally.move(notice.campaignId, from: NoticeState.sending.rawValue, to: NoticeState.scheduled.rawValue)
                }
            case .undeliverable(let reason):
                try fail.execute(arguments: [NotifierErrorCode.undeliverable.rawValue, at, notice.seq])
                try NoticeTimelineStore.add(notice.seq, "undeliverable", at: now, detail: reason, in: db)
                tally.move(notice.campaignId, from: NoticeState.sending.rawValue, to: NoticeState.failed.rawValue)
            }
        }
        try tally.flush(db)
        if !usage.isEmpty { try outbox.send(RecordUsage(events: usage), in: db) }
        if !evidence.isEmpty { try outbox.send(VaultEvidenceBatch(items: evidence), in: db) }
    }
}
