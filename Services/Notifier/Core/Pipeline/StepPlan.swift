import Foundation
import GRDB
import Schema
import Store

/// The first transaction of a pipeline step: resolutions, document failures, window deferrals,
/// and the `sending` marks of what goes now (returned, with their resolved lines). Every state
/// change goes through `NoticeLifecycle`: a notice cancelled or paused since it was read is
/// refused there, never sent.
struct StepPlan {
    let due: [DueNotice]
    let resolutions: [Int64: Resolution]
    let documents: [DocumentChecker.Key: Bool]
    let windowOpen: Bool
    let nextOpening: Date
    let now: Date

    func apply(_ db: Database, lifecycle: NoticeLifecycle, outbox: OutboxWriter) throws -> [NoticeRow] {
        let at = Millis.of(now)
        var batch = lifecycle.batch(db)
        var sending: [NoticeRow] = []
        // Not a state change: the notice stays waiting, due later (never put back on the queue
        // once a pause or cancel took it off: those clear `due_at`).
        let postpone = try db.cachedStatement(sql: "UPDATE notice SET due_at = ? WHERE seq = ? AND due_at IS NOT NULL")
        for notice in due {
            let row = notice.row
            var line: ResolvedLine?
            if row.state == .accepted, notice.ci != nil {
                switch resolutions[row.seq] {
                case .none:
                    try postpone.execute(arguments: [at + 2_000, row.seq])
                    continue
                case .unreachable(let reason)?:
                    _ = try batch.move(row, to: .unreachable, cause: .noLine(reason: reason.rawValue), at: now)
                    continue
                case .line(let resolved)?:
                    line = resolved
                }
            }
            switch documents[DocumentChecker.Key(document: row.documentId, institution: row.institution)] {
            case .none:
                try postpone.execute(arguments: [at + 5_000, row.seq])
                continue
            case false?:
                _ = try batch.move(row, to: .failed, cause: .failure(reason: ErrorCode.documentNotFound.rawValue, detail: nil), at: now)
                continue
            case true?:
                break
            }
            // Sandbox notices ignore the sending window; live ones obey it (NO-4).
            if windowOpen || row.sandbox {
                if case .success(let marked) = try batch.move(row, to: .sending, cause: .dispatched(attempt: row.attempts + 1, line: line), at: now) {
                    sending.append(marked)
                }
            } else if row.state == .scheduled {
                try postpone.execute(arguments: [Millis.of(nextOpening), row.seq])
            } else {
                _ = try batch.move(row, to: .scheduled, cause: .windowClosed(until: nextOpening, line: line), at: now)
            }
        }
        try batch.commit(outbox)
        return sending
    }
}
