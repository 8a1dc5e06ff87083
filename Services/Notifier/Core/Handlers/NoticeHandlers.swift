import Bus
import Foundation
import GRDB
import Schema
import SongdalCrypto

/// `notifier.submit`, `notifier.status`, `notifier.timeline`, `notifier.receipt` (NO-1, NO-2, NO-8, NO-10).
enum NoticeHandlers {
    static func register(_ context: NotifierContext) {
        let endpoint = context.endpoint
        endpoint.handle(SubmitNotice.self, reply: { request, handler in
            try submit(request, context: context, now: handler.now, in: handler.db)
        })
        endpoint.answer(NoticeStatusQuery.self) { query, answer in
            try await answer.store.pool.read { db in
                let notice = try owned(query.noticeId, institution: query.institution, context: context, in: db)
                return status(notice, context: context)
            }
        }
        endpoint.answer(NoticeTimelineQuery.self) { query, answer in
            try await answer.store.pool.read { db in
                let notice = try owned(query.noticeId, institution: query.institution, context: context, in: db)
                return NoticeTimeline(noticeId: query.noticeId, entries: try NoticeTimelineStore.entries(of: notice, in: db))
            }
        }
        endpoint.handle(DeliveryReceipt.self) { receipt, handler in
            let receiptId = receipt.receiptId.flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
                ?? "\(receipt.provider):\(handler.envelope.header.id)"
            try ReceiptBook.apply(receipt, receiptId: receiptId, context: context, now: handler.now, outbox: handler.outbox, in: handler.db)
        }
    }

    static func submit(_ request: SubmitNotice, context: NotifierContext, now: Date, in db: Database) throws -> NoticeAccepted {
        var draft = NoticeDraft(
            institution: request.institution, ci: request.ci, phone: request.phone, title: request.title, cover: request.coverText,
            documentId: request.documentId, readDeadline: request.readDeadline, channel: request.channel,
            kakaoTemplate: request.kakaoTemplateCode, buttons: request.kakaoButtons ?? [])
        var unkeyed = request
        unkeyed.idempotencyKey = nil
        let bodyHash = SHA256.hex(Data(try PayloadCodec.encode(unkeyed)))
        if let key = request.idempotencyKey {
            if let row = try Row.fetchOne(db, sql: "SELECT seq, body_hash, state, accepted_at FROM notice WHERE institution = ? AND idem_key = ?",
                                          arguments: [request.institution, key]) {
                guard row["body_hash"] as String? == bodyHash else {
                    throw ErrorCode.idempotencyConflict.reply("idempotency key already used with a different body", field: "idempotencyKey")
                }
                let state: NoticeState
                do { state = try NoticeState.stored(row["state"], notice: row["seq"]) } catch { throw error.reply }
                return NoticeAccepted(noticeId: context.ids.id(row["seq"]), state: state,
                                      acceptedAt: Millis.date(row["accepted_at"] as Int64), replayed: true)
            }
        }
        try draft.validate(now: now, settings: context.settings)
        let buttons = draft.buttons.isEmpty ? nil : String(decoding: try JSONEncoder().encode(draft.buttons), as: UTF8.self)
        try db.execute(sql: """
            INSERT INTO notice (institution, reference, idem_key, body_hash, ci, phone, title, cover, document_id, channel_pref,
                                kakao_template, kakao_buttons, read_deadline, state, accepted_at, due_at, sandbox)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted', ?, ?, ?)
            """, arguments: [draft.institution, request.reference, request.idempotencyKey, bodyHash, draft.ci, draft.phone,
                             draft.title, draft.cover, draft.documentId, draft.channel.rawValue, draft.kakaoTemplate, buttons,
                             draft.readDeadline.map(Millis.of), Millis.of(now), Millis.of(now), request.sandbox])
        let id = context.ids.id(db.lastInsertedRowID)
        context.logger.info("notice accepted", metadata: ["notice": "\(id)", "institution": "\(draft.institution)",
                                                          "sandbox": "\(request.sandbox)"])
        return NoticeAccepted(noticeId: id, state: .accepted, acceptedAt: now, replayed: false)
    }

    /// The notice if it exists and belongs to `institution`; `notice_not_found` otherwise (the same answer either way).
    static func owned(_ id: String, institution: String, context: NotifierContext, in db: Database) throws -> NoticeRow {
        let found: NoticeRow?
        do {
            found = try context.ids.seq(id).flatMap { try NoticeRow.fetch($0, in: db) }
        } catch let error as LifecycleError {
            throw error.reply
        }
        guard let notice = found, notice.institution == institution else {
            throw ErrorCode.noticeNotFound.reply("no notice \(id)", field: "noticeId")
        }
        return notice
    }

    static func status(_ notice: NoticeRow, context: NotifierContext) -> NoticeStatus {
        var reminders: [String] = []
        if notice.remindedDeadline != nil { reminders.append("before_deadline") }
        if notice.remindedAfter != nil { reminders.append("after_sending") }
        return NoticeStatus(
            noticeId: context.ids.id(notice.seq), institution: notice.institution, campaignId: notice.campaignId,
            reference: notice.reference, state: notice.state, reason: notice.reason, channel: notice.channel,
            recipientMasked: notice.recipientMasked, documentId: notice.documentId, title: notice.title,
            acceptedAt: notice.acceptedAt, scheduledAt: notice.state == .scheduled ? notice.dueAt : (notice.sendingAt ?? notice.scheduledAt),
            sentAt: notice.sentAt, deliveredAt: notice.deliveredAt, readAt: notice.readAt, readDeadline: notice.readDeadline,
            attempts: notice.attempts, reminders: reminders, sandbox: notice.sandbox)
    }
}
