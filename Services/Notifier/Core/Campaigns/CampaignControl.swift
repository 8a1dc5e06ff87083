import Foundation
import GRDB
import Schema

/// Pause, resume, cancel (NO-7). Pausing takes the campaign's waiting notices off the work queue
/// (and stops reading); resuming puts them back; cancelling ends them `failed(cancelled)`.
/// Notices already handed to a provider finish normally.
enum CampaignControl {
    static func apply(_ request: ControlCampaign, now: Date, in db: Database) throws -> CampaignControlled {
        let campaign = try CampaignRecord.owned(request.campaignId, institution: request.institution, in: db)
        guard campaign.state != .cancelled else {
            throw NotifierErrorCode.campaignFinished.reply("the campaign is cancelled", field: "campaignId")
        }
        let waiting = "campaign_id = ? AND state IN ('accepted', 'scheduled')"
        var state = campaign.state
        switch request.action {
        case .pause:
            guard campaign.state != .paused else { break }
            state = .paused
            try db.execute(sql: "UPDATE notice SET due_at = NULL WHERE \(waiting)", arguments: [campaign.id])
        case .resume:
            guard campaign.state == .paused else { break }
            // Reading resumes from its offset; a campaign read to the end becomes completed again at once.
            state = .running
            try db.execute(sql: "UPDATE notice SET due_at = ? WHERE \(waiting) AND due_at IS NULL", arguments: [Millis.of(now), campaign.id])
        case .cancel:
            state = .cancelled
            var tally = CampaignTally()
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM notice WHERE \(waiting) GROUP BY state", arguments: [campaign.id]) {
                tally.add(campaign.id, state: row["state"], count: -(row["n"] as Int))
                tally.add(campaign.id, state: NoticeState.failed.rawValue, count: row["n"])
            }
            try tally.flush(db)
            try db.execute(sql: """
                UPDATE notice SET state = 'failed', reason = 'cancelled', final_at = ?, due_at = NULL, ci = NULL WHERE \(waiting)
                """, arguments: [Millis.of(now), campaign.id])
        }
        try db.execute(sql: "UPDATE campaign SET state = ? WHERE id = ?", arguments: [state.rawValue, campaign.id])
        return CampaignControlled(campaignId: campaign.id, state: state)
    }
}
