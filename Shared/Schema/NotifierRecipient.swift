import Foundation

// The recipient's flow by link token (SPEC NO-5): open → OTP → consent → view. Handled by
// `notifier`. The token is the last path segment of the link the message carried; it is never
// logged. Unknown, malformed or foreign tokens answer `token_invalid`.

/// Opens the cover page of the notice a token belongs to (changes nothing).
public struct OpenNotice: BusRequest {
    public typealias Reply = CoverPage
    public static let messageType = MessageType.query("notifier.open", handledBy: "notifier")

    public var token: String

    public init(token: String) { self.token = token }
}

/// What the recipient sees before proving who they are.
public struct CoverPage: BusMessage, Hashable {
    public static let messageType = MessageType.reply("notifier.open.reply")

    public var noticeId: String
    public var institution: String
    public var title: String
    public var coverText: String
    /// The line the OTP goes to, e.g. `010-****-5678`.
    public var recipientMasked: String
    public var state: NoticeState
    public var readDeadline: Date?
    /// The terms version the consent step expects.
    public var termsVersion: String
    /// Terms text shown before consent.
    public var termsText: String

    public init(noticeId: String, institution: String, title: String, coverText: String, recipientMasked: String,
                state: NoticeState, readDeadline: Date?, termsVersion: String, termsText: String) {
        self.noticeId = noticeId
        self.institution = institution
        self.title = title
        self.coverText = coverText
        self.recipientMasked = recipientMasked
        self.state = state
        self.readDeadline = readDeadline
        self.termsVersion = termsVersion
        self.termsText = termsText
    }
}

/// Sends a fresh 6-digit code (valid 3 minutes) by SMS to the resolved line, on the OTP
/// priority lane, at any hour (transactional). Refusals: `token_invalid`, `notice_expired`,
/// `otp_locked` (after 5 wrong codes, until `lockedUntil`), `otp_rate_limited`.
public struct RequestOTP: BusRequest {
    public typealias Reply = OTPSent
    public static let messageType = MessageType.command("notifier.requestOTP", handledBy: "notifier")

    public var token: String

    public init(token: String) { self.token = token }
}

public struct OTPSent: BusMessage, Hashable {
    public static let messageType = MessageType.reply("notifier.requestOTP.reply")

    public var noticeId: String
    public var recipientMasked: String
    public var expiresAt: Date
    /// Wrong codes still allowed before the lock.
    public var remainingTries: Int

    public init(noticeId: String, recipientMasked: String, expiresAt: Date, remainingTries: Int) {
        self.noticeId = noticeId
        self.recipientMasked = recipientMasked
        self.expiresAt = expiresAt
        self.remainingTries = remainingTries
    }
}

/// Checks a code. A wrong, expired or locked code is an answer (`outcome`), not a refusal, so
/// the try is counted once and durably; only a bad token is refused (`token_invalid`).
public struct VerifyOTP: BusRequest {
    public typealias Reply = OTPCheck
    public static let messageType = MessageType.command("notifier.verifyOTP", handledBy: "notifier")

    public var token: String
    public var code: String

    public init(token: String, code: String) {
        self.token = token
        self.code = code
    }
}

public struct OTPCheck: BusMessage, Hashable {
    public static let messageType = MessageType.reply("notifier.verifyOTP.reply")

    public enum Outcome: String, Codable, Sendable {
        /// The code matched: `sessionId` continues the flow.
        case verified
        /// `otp_wrong`: try again (`remainingTries` left).
        case wrong = "otp_wrong"
        /// `otp_expired`: older than 3 minutes, or no code was requested; request a new one.
        case expired = "otp_expired"
        /// `otp_locked`: 5 wrong codes; no checks until `lockedUntil`.
        case locked = "otp_locked"
    }

    public var outcome: Outcome
    /// Unguessable session id for consent and view (valid 30 minutes); only when verified.
    public var sessionId: String?
    public var remainingTries: Int
    public var lockedUntil: Date?

    public init(outcome: Outcome, sessionId: String?, remainingTries: Int, lockedUntil: Date?) {
        self.outcome = outcome
        self.sessionId = sessionId
        self.remainingTries = remainingTries
        self.lockedUntil = lockedUntil
    }
}

/// Records the recipient's consent to the terms. Refusals: `token_invalid`, `session_invalid`
/// (unknown, expired, or of another notice), `terms_version_mismatch`, `consent_declined`.
public struct ConsentToTerms: BusRequest {
    public typealias Reply = TermsConsented
    public static let messageType = MessageType.command("notifier.consent", handledBy: "notifier")

    public var token: String
    public var sessionId: String
    public var termsVersion: String
    public var agreed: Bool

    public init(token: String, sessionId: String, termsVersion: String, agreed: Bool) {
        self.token = token
        self.sessionId = sessionId
        self.termsVersion = termsVersion
        self.agreed = agreed
    }
}

public struct TermsConsented: BusMessage, Hashable {
    public static let messageType = MessageType.reply("notifier.consent.reply")

    public var noticeId: String
    public var at: Date

    public init(noticeId: String, at: Date) {
        self.noticeId = noticeId
        self.at = at
    }
}

/// The view step: the notifier obtains a short-lived vault grant for the document and records
/// `read` on the first view (billed once, evidence once). The gateway then calls `vault.fetch`
/// with `documentId` and `reader`. Repeating it is harmless (later views neither re-bill nor
/// change `readAt`). Refusals: `token_invalid`, `session_invalid`, `consent_required`,
/// `notice_expired`, `document_not_found`.
public struct ViewNotice: BusRequest {
    public typealias Reply = NoticeView
    public static let messageType = MessageType.query("notifier.view", handledBy: "notifier")

    public var token: String
    public var sessionId: String

    public init(token: String, sessionId: String) {
        self.token = token
        self.sessionId = sessionId
    }
}

public struct NoticeView: BusMessage, Hashable {
    public static let messageType = MessageType.reply("notifier.view.reply")

    public var noticeId: String
    public var documentId: String
    /// A vault grant reader (`VaultReader.grant`), for `vault.fetch`.
    public var reader: VaultReader
    public var grantExpiresAt: Date
    /// When the notice was first read.
    public var readAt: Date
    /// True only for the view that recorded `read`.
    public var firstView: Bool

    public init(noticeId: String, documentId: String, reader: VaultReader, grantExpiresAt: Date, readAt: Date, firstView: Bool) {
        self.noticeId = noticeId
        self.documentId = documentId
        self.reader = reader
        self.grantExpiresAt = grantExpiresAt
        self.readAt = readAt
        self.firstView = firstView
    }
}
