import Foundation
import GRDB
import Schema

/// The first transaction of a pipeline step: resolutions, document failures, window deferrals,
/// and the `sending` marks of what goes now (returned, with their resolved lines).
struct StepPlan {
    let due: [DueNotice]
    let resolutions: [Int64: Resolution]
    let documents: [DocumentChecker.Key: Bool]
    let windowOpen: Bool
    let nextOpening: Date
    let now: Date

    func apply(_ db: Database) throws -> [NoticeRow] {
        let at = Millis.of(now)
        var tally = CampaignTally()
        var sending: [NoticeRow] = []
        let postpone = try db.cachedStatement(sql: "UPDATE notice SET due_at = ? WHERE seq = ?")
        let finish = try db.cachedStatement(sql: """
            UPDATE notice SET state = ?, reason = ?, ci = NULL, final_at = ?, due_at = NULL WHERE seq = ?
            """)
        let schedule = try db.cachedStatement(sql: """
            UPDATE notice SET state = 'scheduled', phone = ?, carrier = ?, ci = NULL, scheduled_at = COALESCE(scheduled_at, ?),
            due_at = ? WHERE seq = ?
            """)
        let mark = try db.cachedStatement(sql: """
            UPDATE notice SET state = 'sending', phone = ?, carrier = ?, ci = NULL, scheduled_at = COALESCE(scheduled_at, ?),
            sending_at = ?, attempts = attempts + 1, due_at = NULL WHERE seq = ?
            """)
        for notice in due {
            var row = notice.row
            let from = row.state.rawValue
            if row.state == .accepted, notice.ci != nil {
                switch resolutions[row.seq] {
                case .none:
                    try postpone.execute(arguments: [at + 2_000, row.seq])
                    continue
                case .unreachable(let reason)?:
                    try finish.execute(arguments: [NoticeState.unreachable.rawValue, reason.rawValue, at, row.seq])
                    tally.move(row.campaignId, from: from, to: NoticeState.unreachable.rawValue)
                    continue
                case .line(let line)?:
                    row.phone = line.phone
                    row.carrier = line.carrier
                }
            }
            switch documents[DocumentChecker.Key(document: row.documentId, institution: row.institution)] {
            case .none:
                try postpone.execute(arguments: [at + 5_000, row.seq])
                continue
            case false?:
                try finish.execute(arguments: [NoticeState.failed.rawValue, NotifierErrorCode.documentNotFound.rawValue, at, row.seq])
                tally.move(row.campaignId, from: from, to: NoticeState.failed.rawValue)
                continue
            case true?:
                break
            }
            // Sandbox notices ignore the sending window; live ones obey it (NO-4).
            if windowOpen || row.sandbox {
                try mark.execute(arguments: [row.phone, row.carrier?.rawValue, at, at, row.seq])
                tally.move(row.campaignId, from: from, to: NoticeState.sending.rawValue)
                row.state = .sending
                row.attempts += 1
                sending.append(row)
            } else {
                try schedule.execute(arguments: [row.phone, row.carrier?.rawValue, at, Millis.of(nextOpening), row.seq])
                if row.state != .scheduled { tally.move(row.campaignId, from: from, to: NoticeState.scheduled.rawValue) }
            }
        }
        try tally.flush(db)
        return sending
    }
}
