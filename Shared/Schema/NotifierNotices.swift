import Foundation

// The notifier's notice contract (SPEC NO-1, NO-2, NO-8). Handled by `notifier`.

/// Which channel chain a notice uses (NO-3). Fallbacks are automatic.
public enum ChannelPreference: String, Codable, Sendable, CaseIterable {
    /// RCS first, MMS when RCS fails (the default for certified notices).
    case rcs
    /// KakaoTalk notice (알림톡) first, SMS or LMS (by size) when it fails.
    case kakao
    /// SMS or LMS only, by size.
    case sms
}

/// The channel a message actually went out on (NO-3, NO-9).
public enum NoticeChannel: String, Codable, Sendable, CaseIterable {
    case rcs = "RCS"
    case mms = "MMS"
    case kakao = "KAKAO"
    case sms = "SMS"
    case lms = "LMS"
}

/// A notice's lifecycle state (NO-2). Final states: `read`, `failed`, `unreachable`, `expired`.
public enum NoticeState: String, Codable, Sendable, CaseIterable {
    case accepted, scheduled, sending, sent, delivered, read, failed, unreachable, expired

    /// No further transition (a receipt after it is ignored).
    public var isFinal: Bool {
        switch self {
        case .read, .failed, .unreachable, .expired: true
        default: false
        }
    }
}

/// A KakaoTalk notice button (at most 5, NO-9).
public struct KakaoButton: Codable, Sendable, Hashable {
    public var name: String
    public var url: String

    public init(name: String, url: String) {
        self.name = name
        self.url = url
    }
}

/// Submits one certified notice (NO-1). Exactly one of `ci` and `phone` is given.
///
/// Refusals (`ErrorReply.code`, see `ErrorCode+Notifier.swift`): `missing_recipient`, `invalid_ci`,
/// `invalid_phone`, `empty_title`, `title_too_long`, `empty_cover`, `message_too_long`,
/// `invalid_document_id`, `invalid_deadline`, `kakao_template_required`, `too_many_buttons`,
/// `idempotency_conflict`. An unknown document id is found before sending: the notice ends
/// `failed` with reason `document_not_found` (callers wanting an early 4xx may ask
/// `vault.metadata` first).
public struct SubmitNotice: BusRequest {
    public typealias Reply = NoticeAccepted
    public static let messageType = MessageType.command("notifier.submit", handledBy: "notifier")

    public var institution: String
    /// The recipient's CI (88 characters of base64), resolved through identity in batches.
    public var ci: String?
    /// Or a Korean mobile number (any common format).
    public var phone: String?
    /// Also the LMS/MMS subject: ≤ 40 EUC-KR bytes.
    public var title: String
    /// The cover text the message carries before the link.
    public var coverText: String
    /// The vault document the recipient will read.
    public var documentId: String
    /// When reading is due; a reminder goes 24 h before it (NO-6). Must be in the future.
    public var readDeadline: Date?
    public var channel: ChannelPreference
    /// Required for `kakao`: the approved template code.
    public var kakaoTemplateCode: String?
    /// KakaoTalk buttons (≤ 5).
    public var kakaoButtons: [KakaoButton]?
    /// Same key + same body → the first notice; same key + different body → `idempotency_conflict`.
    public var idempotencyKey: String?
    /// The institution's own reference (shown in status; not personal data).
    public var reference: String?
    /// Sent with a sandbox key: simulated carriers only, no sending window, never billed,
    /// evidence and certificates marked. Set by the gateway from the key, never from the body.
    @SandboxFlag public var sandbox: Bool

    public init(institution: String, ci: String? = nil, phone: String? = nil, title: String, coverText: String,
                documentId: String, readDeadline: Date? = nil, channel: ChannelPreference = .rcs,
                kakaoTemplateCode: String? = nil, kakaoButtons: [KakaoButton]? = nil, idempotencyKey: String? = nil,
                reference: String? = nil, sandbox: Bool = false) {
        self.sandbox = sandbox
        self.institution = institution
        self.ci = ci
        self.phone = phone
        self.title = title
        self.coverText = coverText
        self.documentId = documentId
        self.readDeadline = readDeadline
        self.channel = channel
        self.kakaoTemplateCode = kakaoTemplateCode
        self.kakaoButtons = kakaoButtons
        self.idempotencyKey = idempotencyKey
        self.reference = reference
    }
}

/// A notice accepted (or the earlier one an idempotent replay returns).
public struct NoticeAccepted: BusMessage, Hashable {
    public static let messageType = MessageType.reply("notifier.submit.reply")

    public var noticeId: String
    public var state: NoticeState
    public var acceptedAt: Date
    /// True when this answers a replay of an earlier submission with the same key and body.
    public var replayed: Bool

    public init(noticeId: String, state: NoticeState, acceptedAt: Date, replayed: Bool) {
        self.noticeId = noticeId
        self.state = state
        self.acceptedAt = acceptedAt
        self.replayed = replayed
    }
}

/// A notice's current state (NO-2). Another institution's notice answers `notice_not_found`.
public struct NoticeStatusQuery: BusRequest {
    public typealias Reply = NoticeStatus
    public static let messageType = MessageType.query("notifier.status", handledBy: "notifier")

    public var noticeId: String
    public var institution: String

    public init(noticeId: String, institution: String) {
        self.noticeId = noticeId
        self.institution = institution
    }
}

/// State, reason and the timestamps of the main transitions.
public struct NoticeStatus: BusMessage, Hashable {
    public static let messageType = MessageType.reply("notifier.status.reply")

    public var noticeId: String
    public var institution: String
    public var campaignId: String?
    public var reference: String?
    public var state: NoticeState
    /// Why it is `failed`/`unreachable` (stable code, e.g. `timeout`, `no_subscriber`, `document_not_found`).
    public var reason: String?
    /// The channel it went out on last.
    public var channel: NoticeChannel?
    /// e.g. `010-****-5678`, once known.
    public var recipientMasked: String?
    public var documentId: String
    public var title: String
    public var acceptedAt: Date
    /// When it is (or was) due to go: now or the next window opening.
    public var scheduledAt: Date?
    public var sentAt: Date?
    public var deliveredAt: Date?
    public var readAt: Date?
    public var readDeadline: Date?
    /// Send attempts so far (retries included).
    public var attempts: Int
    /// Reminders sent: `before_deadline`, `after_sending`.
    public var reminders: [String]
    /// A sandbox notice; the member is absent for live notices.
    @SandboxFlag public var sandbox: Bool

    public init(noticeId: String, institution: String, campaignId: String?, reference: String?, state: NoticeState,
                reason: String?, channel: NoticeChannel?, recipientMasked: String?, documentId: String, title: String,
                acceptedAt: Date, scheduledAt: Date?, sentAt: Date?, deliveredAt: Date?, readAt: Date?,
                readDeadline: Date?, attempts: Int, reminders: [String], sandbox: Bool = false) {
        self.sandbox = sandbox
        self.noticeId = noticeId
        self.institution = institution
        self.campaignId = campaignId
        self.reference = reference
        self.state = state
        self.reason = reason
        self.channel = channel
        self.recipientMasked = recipientMasked
        self.documentId = documentId
        self.title = title
        self.acceptedAt = acceptedAt
        self.scheduledAt = scheduledAt
        self.sentAt = sentAt
        self.deliveredAt = deliveredAt
        self.readAt = readAt
        self.readDeadline = readDeadline
        self.attempts = attempts
        self.reminders = reminders
    }
}

/// Every timestamped transition and event of a notice (NO-2 evidence). Scoped like status.
public struct NoticeTimelineQuery: BusRequest {
    public typealias Reply = NoticeTimeline
    public static let messageType = MessageType.query("notifier.timeline", handledBy: "notifier")

    public var noticeId: String
    public var institution: String

    public init(noticeId: String, institution: String) {
        self.noticeId = noticeId
        self.institution = institution
    }
}

/// One entry of a timeline: a state reached, or an event (`retry`, `fallback`, `reminder`, `otp_sent`, …).
public struct NoticeTransition: Codable, Sendable, Hashable {
    /// A `NoticeState` raw value, or an event name.
    public var event: String
    public var at: Date
    /// Channel, provider, reason or similar; never personal data.
    public var detail: String?

    public init(event: String, at: Date, detail: String? = nil) {
        self.event = event
        self.at = at
        self.detail = detail
    }
}

public struct NoticeTimeline: BusMessage, Hashable {
    public static let messageType = MessageType.reply("notifier.timeline.reply")

    public var noticeId: String
    /// Oldest first.
    public var entries: [NoticeTransition]

    public init(noticeId: String, entries: [NoticeTransition]) {
        self.noticeId = noticeId
        self.entries = entries
    }
}

/// A delivery receipt from an external provider (e.g. an HTTP gateway's callback relayed by the
/// API gateway). A receipt for a notice already final is ignored (NO-10).
public struct DeliveryReceipt: BusMessage, Hashable {
    public static let messageType = MessageType.command("notifier.receipt", handledBy: "notifier")

    public enum Status: String, Codable, Sendable { case delivered, failed }

    public var noticeId: String
    /// The provider reporting (its configured name).
    public var provider: String
    public var status: Status
    public var at: Date
    /// Provider's reason for `failed`.
    public var reason: String?
    /// The carrier's id for this receipt, kept on the notice's timeline as the justification of
    /// `delivered`. Absent: the notifier names it after the provider and the bus message.
    public var receiptId: String?

    public init(noticeId: String, provider: String, status: Status, at: Date, reason: String? = nil, receiptId: String? = nil) {
        self.noticeId = noticeId
        self.provider = provider
        self.status = status
        self.at = at
        self.reason = reason
        self.receiptId = receiptId
    }
}
