import Foundation

/// The notifier's plain SMS API for other services (NO-9 sizes, NO-4 window).
///
/// Sent through the caller's outbox. The same `idempotencyKey` with the same body always yields
/// the same message (never a second SMS); with a different body it is refused (`idempotency_conflict`).
public struct SendSMS: BusRequest {
    public typealias Reply = SMSAccepted
    public static let messageType = MessageType.command("notifier.sendSMS", handledBy: "notifier")

    /// The institution billed for it.
    public var institution: String
    /// Korean mobile number, any common format (normalised by the notifier).
    public var phone: String
    /// LMS subject (≤ 40 EUC-KR bytes), when the text needs LMS.
    public var subject: String?
    public var text: String
    /// Caller's key, e.g. `reminder:<guaranteeNo>:<recipient>`.
    public var idempotencyKey: String
    /// Goes at once, outside the sending window (OTP, issuance results); otherwise the window applies.
    public var transactional: Bool

    public init(institution: String, phone: String, subject: String? = nil, text: String, idempotencyKey: String, transactional: Bool = false) {
        self.institution = institution
        self.phone = phone
        self.subject = subject
        self.text = text
        self.idempotencyKey = idempotencyKey
        self.transactional = transactional
    }
}

/// The notifier's answer: accepted, with the kind chosen by size and when it will go.
public struct SMSAccepted: BusMessage {
    public static let messageType = MessageType.reply("notifier.sendSMS.reply")

    public enum Kind: String, Codable, Sendable { case sms = "SMS", lms = "LMS" }

    public var messageId: String
    public var kind: Kind
    /// When it goes (now, or the next window opening).
    public var scheduledAt: Date
    /// The idempotency key it answers.
    public var idempotencyKey: String

    public init(messageId: String, kind: Kind, scheduledAt: Date, idempotencyKey: String) {
        self.messageId = messageId
        self.kind = kind
        self.scheduledAt = scheduledAt
        self.idempotencyKey = idempotencyKey
    }
}
