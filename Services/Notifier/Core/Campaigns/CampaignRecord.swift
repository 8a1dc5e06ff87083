import Foundation
import GRDB
import Schema

/// A campaign as stored: its defaults and reading position.
struct CampaignRecord: Sendable {
    var id: String
    var institution: String
    var name: String
    var path: String
    var title: String?
    var cover: String?
    var documentId: String?
    var readDeadline: Date?
    var channel: ChannelPreference
    var kakaoTemplate: String?
    var state: CampaignState
    var byteOffset: Int64
    var nextLine: Int
    var header: [String]?

    init(row: Row) {
        id = row["id"]
        institution = row["institution"]
        name = row["name"]
        path = row["path"]
        title = row["title"]
        cover = row["cover"]
        documentId = row["document_id"]
        readDeadline = Millis.date(row["read_deadline"] as Int64?)
        channel = ChannelPreference(rawValue: row["channel_pref"]) ?? .rcs
        kakaoTemplate = row["kakao_template"]
        state = CampaignState(rawValue: row["state"]) ?? .failed
        byteOffset = row["byte_offset"]
        nextLine = row["next_line"]
        header = (row["header"] as String?).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    static func fetch(_ id: String, in db: Database) throws -> CampaignRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM campaign WHERE id = ?", arguments: [id]).map(CampaignRecord.init(row:))
    }

    static func owned(_ id: String, institution: String, in db: Database) throws -> CampaignRecord {
        guard let campaign = try fetch(id, in: db), campaign.institution == institution else {
            throw ErrorCode.campaignNotFound.reply("no campaign \(id)", field: "campaignId")
        }
        return campaign
    }
}
