import Foundation
import GRDB
import Schema
import SongdalCrypto

/// The recipient's identity check (NO-5): token → notice, OTP codes (6 digits, 3 minutes, 5 wrong
/// codes then locked 30 minutes, at most 5 codes per 30 minutes), the session that follows, and
/// consent. Codes and sessions are stored only as keyed hashes.
struct RecipientFlow: Sendable {
    let context: NotifierContext

    static let codeLifetime: TimeInterval = 180
    static let maximumFailures = 5
    static let lockSeconds: TimeInterval = 1800
    static let sessionLifetime: TimeInterval = 1800
    static let requestWindow: TimeInterval = 1800
    static let maximumRequests = 5

    /// The notice a token opens; `token_invalid` for anything else, `notice_expired` once it no longer opens.
    func notice(for token: String, in db: Database) throws -> NoticeRow {
        let invalid = ErrorCode.tokenInvalid.reply("the link is not valid", field: "token")
        guard let id = context.links.noticeId(of: token), let seq = context.ids.seq(id) else { throw invalid }
        let found: NoticeRow?
        do { found = try NoticeRow.fetch(seq, in: db) } catch let error as LifecycleError { throw error.reply }
        guard let notice = found, notice.sentAt != nil else { throw invalid }
        guard [.sent, .delivered, .read].contains(notice.state) else {
            throw ErrorCode.noticeExpired.reply("this notice can no longer be opened", field: "token")
        }
        return notice
    }

    func codeHash(_ seq: Int64, _ code: String) -> [UInt8] { context.secrets.sha256(Array("otp:\(seq):\(code)".utf8)) }
    func sessionHash(_ session: String) -> [UInt8] { context.secrets.sha256(Array("session:\(session)".utf8)) }

    static func newCode() throws -> String {
        while true {
            let bytes = try SecureRandom.bytes(4)
            let value = bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            // Rejection sampling keeps the 10⁶ codes equally likely.
            if value < UInt32.max - UInt32.max % 1_000_000 {
                let text = String(value % 1_000_000)
                return String(repeating: "0", count: 6 - text.count) + text
            }
        }
    }

    func requestCode(_ request: RequestOTP, now: Date, in db: Database) throws -> OTPSent {
        let notice = try notice(for: request.token, in: db)
        guard let phone = notice.phone else { throw ErrorCode.tokenInvalid.reply("the link is not valid", field: "token") }
        let at = Millis.of(now)
        let row = try Row.fetchOne(db, sql: "SELECT * FROM recipient_otp WHERE notice_seq = ?", arguments: [notice.seq])
        var failures: Int = row?["failures"] ?? 0
        if let locked: Int64 = row?["locked_until"] {
            if locked > at {
                throw ErrorCode.otpLocked.reply("too many wrong codes; try again after \(Millis.date(locked))", field: "token")
            }
            failures = 0
        }
        var windowStart: Int64 = row?["window_start"] ?? 0
        var requests: Int = row?["requests"] ?? 0
        if at - windowStart >= Int64(Self.requestWindow * 1000) {
            windowStart = at
            requests = 0
        }
        guard requests < Self.maximumRequests else {
            throw ErrorCode.otpRateLimited.reply("too many codes requested; wait a few minutes", field: "token")
        }
        let code = try Self.newCode()
        let expires = now.addingTimeInterval(Self.codeLifetime)
        try db.execute(sql: """
            INSERT INTO recipient_otp (notice_seq, code_hash, expires_at, failures, locked_until, window_start, requests)
            VALUES (?, ?, ?, ?, NULL, ?, ?)
            ON CONFLICT (notice_seq) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at,
              failures = excluded.failures, locked_until = NULL, window_start = excluded.window_start, requests = excluded.requests
            """, arguments: [notice.seq, Data(codeHash(notice.seq, code)), Millis.of(expires), failures, windowStart, requests + 1])
        try SMSBook.insert(
            SMSBook.Draft(institution: notice.institution, idempotencyKey: nil, bodyHash: nil, phone: phone, subject: nil,
                          text: "[송달] 인증번호 \(code) (3분 안에 입력하세요)", kind: .sms, lane: SMSBook.otpLane, purpose: .otp,
                          noticeSeq: notice.seq, due: now),
            now: now, in: db)
        try NoticeTimelineStore.add(notice.seq, "otp_sent", at: now, in: db)
        return OTPSent(noticeId: context.ids.id(notice.seq), recipientMasked: notice.recipientMasked ?? "", expiresAt: expires,
                       remainingTries: Self.maximumFailures - failures)
    }

    func verify(_ request: VerifyOTP, now: Date, in db: Database) throws -> OTPCheck {
        let notice = try notice(for: request.token, in: db)
        let at = Millis.of(now)
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM recipient_otp WHERE notice_seq = ?", arguments: [notice.seq]) else {
            return OTPCheck(outcome: .expired, sessionId: nil, remainingTries: Self.maximumFailures, lockedUntil: nil)
        }
        let failures: Int = row["failures"]
        if let locked: Int64 = row["locked_until"], locked > at {
            return OTPCheck(outcome: .locked, sessionId: nil, remainingTries: 0, lockedUntil: Millis.date(locked))
        }
        guard let stored: Data = row["code_hash"], let expires: Int64 = row["expires_at"], expires > at else {
            return OTPCheck(outcome: .expired, sessionId: nil, remainingTries: Self.maximumFailures - failures, lockedUntil: nil)
        }
        if HMAC.constantTimeEquals([UInt8](stored), codeHash(notice.seq, request.code)) {
            let session = Hex.encode(try SecureRandom.bytes(16))
            try db.execute(sql: """
                UPDATE recipient_otp SET code_hash = NULL, expires_at = NULL, failures = 0, session_hash = ?, session_expires = ?
                WHERE notice_seq = ?
                """, arguments: [Data(sessionHash(session)), Millis.of(now.addingTimeInterval(Self.sessionLifetime)), notice.seq])
            try NoticeTimelineStore.add(notice.seq, "otp_verified", at: now, in: db)
            return OTPCheck(outcome: .verified, sessionId: session, remainingTries: Self.maximumFailures, lockedUntil: nil)
        }
        let count = failures + 1
        if count >= Self.maximumFailures {
            let until = now.addingTimeInterval(Self.lockSeconds)
            try db.execute(sql: "UPDATE recipient_otp SET failures = ?, locked_until = ?, code_hash = NULL WHERE notice_seq = ?",
                           arguments: [count, Millis.of(until), notice.seq])
            try NoticeTimelineStore.add(notice.seq, "otp_locked", at: now, in: db)
            return OTPCheck(outcome: .locked, sessionId: nil, remainingTries: 0, lockedUntil: until)
        }
        try db.execute(sql: "UPDATE recipient_otp SET failures = ? WHERE notice_seq = ?", arguments: [count, notice.seq])
        return OTPCheck(outcome: .wrong, sessionId: nil, remainingTries: Self.maximumFailures - count, lockedUntil: nil)
    }

    /// The notice when `session` was issued for it and is still valid; `session_invalid` otherwise.
    func session(_ token: String, _ session: String, now: Date, in db: Database) throws -> (NoticeRow, Row) {
        let notice = try notice(for: token, in: db)
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM recipient_otp WHERE notice_seq = ?", arguments: [notice.seq]),
              let stored: Data = row["session_hash"], let expires: Int64 = row["session_expires"], expires > Millis.of(now),
              HMAC.constantTimeEquals([UInt8](stored), sessionHash(session)) else {
            throw ErrorCode.sessionInvalid.reply("verify the code again", field: "sessionId")
        }
        return (notice, row)
    }

    func consent(_ request: ConsentToTerms, now: Date, in db: Database) throws -> TermsConsented {
        let (notice, _) = try session(request.token, request.sessionId, now: now, in: db)
        guard request.termsVersion == context.settings.termsVersion else {
            throw ErrorCode.termsVersionMismatch.reply("current terms are \(context.settings.termsVersion)", field: "termsVersion")
        }
        guard request.agreed else { throw ErrorCode.consentDeclined.reply("the terms were declined", field: "agreed") }
        try db.execute(sql: "UPDATE recipient_otp SET consented_at = COALESCE(consented_at, ?) WHERE notice_seq = ?",
                       arguments: [Millis.of(now), notice.seq])
        try NoticeTimelineStore.add(notice.seq, "consented", at: now, detail: request.termsVersion, in: db)
        return TermsConsented(noticeId: context.ids.id(notice.seq), at: now)
    }
}
