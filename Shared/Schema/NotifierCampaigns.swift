import Foundation

// Bulk campaigns (SPEC NO-7). Handled by `notifier`.

/// Starts a campaign from a CSV file already stored on the notifier's host (the gateway writes
/// the upload to a file first). The file is streamed, never held in memory.
///
/// CSV: UTF-8, a header row, comma-separated; fields may be double-quoted (`""` escapes a quote)
/// but a row is one line. Columns (by header name): `ci` or `phone` (one per row), and optional
/// `title`, `cover`, `document_id`, `read_deadline` (ISO-8601 or `YYYY-MM-DD`, end of that KST
/// day), `reference`; a missing column falls back to the campaign's defaults below. A bad row
/// (broken quote, wrong CI length, …) is reported with its line number; good rows go.
/// Refusals: `csv_unreadable`, `csv_malformed` (no usable header), `idempotency_conflict`,
/// plus the notice field errors for the defaults.
public struct StartCampaign: BusRequest {
    public typealias Reply = CampaignStarted
    public static let messageType = MessageType.command("notifier.startCampaign", handledBy: "notifier")

    public var institution: String
    /// Absolute path of the CSV.
    public var path: String
    public var name: String
    public var title: String?
    public var coverText: String?
    public var documentId: String?
    public var readDeadline: Date?
    public var channel: ChannelPreference
    public var kakaoTemplateCode: String?
    /// Same key + same body → the first campaign.
    public var idempotencyKey: String?

    public init(institution: String, path: String, name: String, title: String? = nil, coverText: String? = nil,
                documentId: String? = nil, readDeadline: Date? = nil, channel: ChannelPreference = .rcs,
                kakaoTemplateCode: String? = nil, idempotencyKey: String? = nil) {
        self.institution = institution
        self.path = path
        self.name = name
        self.title = title
        self.coverText = coverText
        self.documentId = documentId
        self.readDeadline = readDeadline
        self.channel = channel
        self.kakaoTemplateCode = kakaoTemplateCode
        self.idempotencyKey = idempotencyKey
    }
}

/// The campaign's lifecycle.
public enum CampaignState: String, Codable, Sendable, CaseIterable {
    /// Reading the CSV and accepting rows (notices already go while it reads).
    case running
    case paused
    case cancelled
    /// Every row read; notices keep progressing (see counts).
    case completed
    /// The file became unreadable; `error` says why.
    case failed
}

public struct CampaignStarted: BusMessage, Hashable {
    public static let messageType = MessageType.reply("notifier.startCampaign.reply")

    public var campaignId: String
    public var state: CampaignState
    public var replayed: Bool

    public init(campaignId: String, state: CampaignState, replayed: Bool) {
        self.campaignId = campaignId
        self.state = state
        self.replayed = replayed
    }
}

/// Progress while it runs. Another institution's campaign answers `campaign_not_found`.
public struct CampaignProgressQuery: BusRequest {
    public typealias Reply = CampaignProgress
    public static let messageType = MessageType.query("notifier.campaignProgress", handledBy: "notifier")

    public var campaignId: String
    public var institution: String
    /// Bad rows to list, from the first (default 100, at most 10,000).
    public var badRowLimit: Int?

    public init(campaignId: String, institution: String, badRowLimit: Int? = nil) {
        self.campaignId = campaignId
        self.institution = institution
        self.badRowLimit = badRowLimit
    }
}

/// A CSV row that was not accepted.
public struct CampaignBadRow: Codable, Sendable, Hashable {
    /// 1-based line of the file (the header is line 1).
    public var line: Int
    /// Stable code, e.g. `invalid_ci`, `csv_malformed`.
    public var code: ErrorCode
    public var message: String

    public init(line: Int, code: ErrorCode, message: String) {
        self.line = line
        self.code = code
        self.message = message
    }
}

public struct CampaignProgress: BusMessage, Hashable {
    public static let messageType = MessageType.reply("notifier.campaignProgress.reply")

    public var campaignId: String
    public var name: String
    public var state: CampaignState
    /// Data rows read so far (good and bad).
    public var rowsRead: Int
    /// Notices created from good rows.
    public var accepted: Int
    /// Notices currently in each state (`NoticeState` raw value → count).
    public var states: [String: Int]
    public var badRowCount: Int
    public var badRows: [CampaignBadRow]
    /// Why the campaign `failed`.
    public var error: ErrorReply?

    public init(campaignId: String, name: String, state: CampaignState, rowsRead: Int, accepted: Int,
                states: [String: Int], badRowCount: Int, badRows: [CampaignBadRow], error: ErrorReply?) {
        self.campaignId = campaignId
        self.name = name
        self.state = state
        self.rowsRead = rowsRead
        self.accepted = accepted
        self.states = states
        self.badRowCount = badRowCount
        self.badRows = badRows
        self.error = error
    }

    /// Notices in `state` now.
    public func count(_ state: NoticeState) -> Int { states[state.rawValue] ?? 0 }
}

/// Pauses (no new reading or sending), resumes or cancels (unsent notices end `failed(cancelled)`)
/// a campaign. Refusals: `campaign_not_found`, `campaign_finished` (cancel/resume after cancel).
public struct ControlCampaign: BusRequest {
    public typealias Reply = CampaignControlled
    public static let messageType = MessageType.command("notifier.controlCampaign", handledBy: "notifier")

    public enum Action: String, Codable, Sendable { case pause, resume, cancel }

    public var campaignId: String
    public var institution: String
    public var action: Action

    public init(campaignId: String, institution: String, action: Action) {
        self.campaignId = campaignId
        self.institution = institution
        self.action = action
    }
}

public struct CampaignControlled: BusMessage, Hashable {
    public static let messageType = MessageType.reply("notifier.controlCampaign.reply")

    public var campaignId: String
    public var state: CampaignState

    public init(campaignId: String, state: CampaignState) {
        self.campaignId = campaignId
        self.state = state
    }
}
