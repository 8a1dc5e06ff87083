import Bus
import Foundation
import GRDB
import Schema

/// `notifier.open`, `requestOTP`, `verifyOTP`, `consent`, `view` (NO-5).
enum RecipientHandlers {
    static let termsText = "본인은 전자문서 열람 및 수신 확인 기록이 발신 기관과 공인전자문서센터에 보관되는 데 동의합니다."

    static func register(_ context: NotifierContext) {
        let flow = RecipientFlow(context: context)
        let endpoint = context.endpoint
        endpoint.answer(OpenNotice.self) { request, answer in
            try await answer.store.pool.read { db in
                let notice = try flow.notice(for: request.token, in: db)
                return CoverPage(noticeId: context.ids.id(notice.seq), institution: notice.institution, title: notice.title,
                                 coverText: notice.cover, recipientMasked: notice.recipientMasked ?? "", state: notice.state,
                                 readDeadline: notice.readDeadline, termsVersion: context.settings.termsVersion, termsText: termsText)
            }
        }
        endpoint.handle(RequestOTP.self, reply: { request, handler in try flow.requestCode(request, now: handler.now, in: handler.db) })
        endpoint.handle(VerifyOTP.self, reply: { request, handler in try flow.verify(request, now: handler.now, in: handler.db) })
        endpoint.handle(ConsentToTerms.self, reply: { request, handler in try flow.consent(request, now: handler.now, in: handler.db) })
        endpoint.answer(ViewNotice.self) { request, answer in try await view(request, flow: flow, context: context) }
    }

    /// Obtains a vault grant for the document, then records `read` once (billing and vault evidence
    /// through the outbox in the same transaction). Safe to repeat: later views change nothing.
    static func view(_ request: ViewNotice, flow: RecipientFlow, context: NotifierContext) async throws -> NoticeView {
        let now = context.now
        let notice = try await context.endpoint.store.pool.read { db in
            let (notice, otp) = try flow.session(request.token, request.sessionId, now: now, in: db)
            guard otp["consented_at"] as Int64? != nil else {
                throw ErrorCode.consentRequired.reply("consent to the terms first", field: "sessionId")
            }
            return notice
        }
        let id = context.ids.id(notice.seq)
        let grant: AccessGranted
        do {
            grant = try await context.endpoint.request(GrantAccess(documentId: notice.documentId, institution: notice.institution,
                                                                  noticeId: id, expiresAt: now.addingTimeInterval(600)))
        } catch BusError.rejected(let reply) where reply.code == .forbidden || reply.code == .notFound {
            throw ErrorCode.documentNotFound.reply("the document is no longer available", field: "documentId")
        }
        let lifecycle = context.lifecycle
        // `read` goes through the lifecycle, which emits the usage (never for a sandbox notice,
        // X-8) and the `read` evidence with it. A refusal (the notice expired or failed meanwhile)
        // is committed with its timeline record before the caller gets `notice_expired`.
        let (readAt, first) = try await context.endpoint.write { db, outbox -> (Date?, Bool) in
            let found: NoticeRow?
            do { found = try NoticeRow.fetch(notice.seq, in: db) } catch let error as LifecycleError { throw error.reply }
            guard let current = found else { throw ErrorCode.tokenInvalid.reply("the link is not valid") }
            if let readAt = current.readAt { return (readAt, false) }
            var batch = lifecycle.batch(db)
            guard case .success(let read) = try batch.move(current, to: .read, cause: .firstView, at: now) else { return (nil, false) }
            try batch.commit(outbox)
            context.logger.info("notice read", metadata: ["notice": "\(id)"])
            return (read.readAt ?? now, true)
        }
        guard let readAt else { throw ErrorCode.noticeExpired.reply("this notice can no longer be opened", field: "token") }
        return NoticeView(noticeId: id, documentId: notice.documentId, reader: .grant(grant.grantId), grantExpiresAt: grant.expiresAt,
                          readAt: readAt, firstView: first)
    }
}
