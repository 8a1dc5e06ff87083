import Foundation
import GRDB
import Schema
import Store

/// Pause, resume, cancel (NO-7). Pausing takes the campaign's waiting notices off the work queue
/// (and stops reading); resuming puts them back; cancelling ends them `failed(cancelled)`.
/// Notices already handed to a provider finish normally. Pause and resume change when notices
/// are due, not their state; the cancel's state change is `NoticeLifecycle`'s (a pipeline step
/// that read a notice before the cancel is then refused, never sent).
enum CampaignControl {
    static func apply(_ request: ControlCampaign, lifecycle: NoticeLifecycle, now: Date, outbox: OutboxWriter,
                      in db: Database) throws -> CampaignControlled {
        let campaign = try CampaignRecord.owned(request.campaignId, institution: request.institution, in: db)
        guard campaign.state != .cancelled else {
            throw ErrorCode.campaignFinished.reply("the campaign is cancelled", field: "campaignId")
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
            var batch = lifecycle.batch(db)
            try batch.cancelWaiting(campaign: campaign.id, at: now)
            try batch.commit(outbox)
        }
        try db.execute(sql: "UPDATE campaign SET state = ? WHERE id = ?", arguments: [state.rawValue, campaign.id])
        return CampaignControlled(campaignId: campaign.id, state: state)
    }
}
