import Foundation
import GRDB
import Schema

/// A notice as stored, with the campaign's defaults filled in.
struct NoticeRow: Sendable {
    var seq: Int64
    var institution: String
    var campaignId: String?
    var reference: String?
    var phone: String?
    var carrier: Carrier?
    var title: String
    var cover: String
    var documentId: String
    var channelPreference: ChannelPreference
    var kakaoTemplate: String?
    var buttons: [KakaoButton]
    var readDeadline: Date?
    var state: NoticeState
    var reason: String?
    var channel: NoticeChannel?
    var acceptedAt: Date
    var scheduledAt: Date?
    var sendingAt: Date?
    var sentAt: Date?
    var deliveredAt: Date?
    var readAt: Date?
    var finalAt: Date?
    var dueAt: Date?
    var attempts: Int
    var remindedAfter: Date?
    var remindedDeadline: Date?
    /// Sent with a sandbox key: simulated carriers only, no window, never billed.
    var sandbox: Bool
    /// When the notice reached its current state (`state_at`; NULL: still as accepted), and its
    /// `due_at`, as stored: `NoticeLifecycle` changes the row only if both are still these.
    var stateAtMillis: Int64?
    var dueMillis: Int64?

    /// The time of the latest transition; a new one is never earlier (NO-2).
    var stateAt: Date { Millis.date(stateAtMillis ?? Millis.of(acceptedAt)) }

    static let columns = """
        n.seq, n.institution, n.campaign_id, n.reference, n.phone, n.carrier,
        COALESCE(n.title, c.title, '') AS title, COALESCE(n.cover, c.cover, '') AS cover,
        COALESCE(n.document_id, c.document_id, '') AS document_id, n.channel_pref,
        COALESCE(n.kakao_template, c.kakao_template) AS kakao_template, n.kakao_buttons,
        COALESCE(n.read_deadline, c.read_deadline) AS read_deadline, n.state, n.reason, n.channel,
        n.accepted_at, n.scheduled_at, n.sending_at, n.sent_at, n.delivered_at, n.read_at, n.final_at, n.due_at,
        n.attempts, n.reminded_after, n.reminded_deadline, n.sandbox, n.state_at
        """
    static let from = "notice n LEFT JOIN campaign c ON c.id = n.campaign_id"

    /// Throws `LifecycleError.unknownStoredState` for a state this version does not know.
    init(row: Row) throws(LifecycleError) {
        seq = row["seq"]
        institution = row["institution"]
        campaignId = row["campaign_id"]
        reference = row["reference"]
        phone = row["phone"]
        carrier = (row["carrier"] as String?).flatMap(Carrier.init(rawValue:))
        title = row["title"]
        cover = row["cover"]
        documentId = row["document_id"]
        channelPreference = ChannelPreference(rawValue: row["channel_pref"]) ?? .rcs
        kakaoTemplate = row["kakao_template"]
        let buttonJSON: String? = row["kakao_buttons"]
        buttons = buttonJSON.flatMap { try? JSONDecoder().decode([KakaoButton].self, from: Data($0.utf8)) } ?? []
        readDeadline = Millis.date(row["read_deadline"] as Int64?)
        state = try NoticeState.stored(row["state"], notice: seq)
        reason = row["reason"]
        channel = (row["channel"] as String?).flatMap(NoticeChannel.init(rawValue:))
        acceptedAt = Millis.date(row["accepted_at"] as Int64)
        scheduledAt = Millis.date(row["scheduled_at"] as Int64?)
        sendingAt = Millis.date(row["sending_at"] as Int64?)
        sentAt = Millis.date(row["sent_at"] as Int64?)
        deliveredAt = Millis.date(row["delivered_at"] as Int64?)
        readAt = Millis.date(row["read_at"] as Int64?)
        finalAt = Millis.date(row["final_at"] as Int64?)
        dueMillis = row["due_at"]
        dueAt = Millis.date(dueMillis)
        attempts = row["attempts"]
        remindedAfter = Millis.date(row["reminded_after"] as Int64?)
        remindedDeadline = Millis.date(row["reminded_deadline"] as Int64?)
        sandbox = row["sandbox"] as Bool? ?? false
        stateAtMillis = row["state_at"]
    }

    static func fetch(_ seq: Int64, in db: Database) throws -> NoticeRow? {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(columns) FROM \(from) WHERE n.seq = ?", arguments: [seq]) else { return nil }
        return try NoticeRow(row: row)
    }

    var recipientMasked: String? { phone.map(PhoneNumber.mask) }
}
