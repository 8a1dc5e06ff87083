import Foundation
import GRDB
import Schema

/// Stored plain SMS/LMS: the API's (`notifier.sendSMS`), reminders and OTP codes.
enum SMSBook {
    /// OTP codes only: served by its own worker so a campaign never delays a person waiting for a code.
    static let otpLane = 1
    static let normalLane = 0

    enum Purpose: String, Sendable {
        case api, transactional, reminder, otp

        /// Whether the sending window applies (NO-4): not for OTP and transactional messages.
        var windowBound: Bool { self == .api || self == .reminder }
        /// Billed as `sms.sent` (reminders and OTPs are part of the notice).
        var billed: Bool { self == .api || self == .transactional }
    }

    struct Draft {
        var institution: String
        var idempotencyKey: String?
        var bodyHash: String?
        var phone: String
        var subject: String?
        var text: String
        var kind: SMSAccepted.Kind
        var lane: Int
        var purpose: Purpose
        var noticeSeq: Int64?
        var due: Date
    }

    @discardableResult
    static func insert(_ draft: Draft, now: Date, in db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO sms (institution, idem_key, body_hash, phone, subject, text, kind, lane, purpose, notice_seq, state, created_at, due_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?)
            """, arguments: [draft.institution, draft.idempotencyKey, draft.bodyHash, draft.phone, draft.subject, draft.text,
                             draft.kind.rawValue, draft.lane, draft.purpose.rawValue, draft.noticeSeq, Millis.of(now), Millis.of(draft.due)])
        return db.lastInsertedRowID
    }

    static func reference(_ seq: Int64, context: NotifierContext) -> String { "\(context.ids.tag)-s\(seq)" }
}
