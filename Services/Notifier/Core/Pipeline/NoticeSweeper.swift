import Foundation
import GRDB
import Schema

/// Looks at sent notices when their `watch_at` comes (NO-2, NO-6, NO-10): not delivered 72 h
/// after sending → `failed(timeout)`; read deadline passed unread → `expired`; reminders 24 h
/// after sending and 24 h before the deadline, at most one of each, queued as window-bound SMS.
struct NoticeSweeper {
    let context: NotifierContext

    func sweep() async throws -> Int {
        let now = context.now
        let (rows, unreadable) = try await context.endpoint.store.pool.read { db -> ([NoticeRow], [LifecycleError]) in
            var rows: [NoticeRow] = []
            var unreadable: [LifecycleError] = []
            for row in try Row.fetchAll(db, sql: "SELECT \(NoticeRow.columns) FROM \(NoticeRow.from) WHERE n.watch_at <= ? ORDER BY n.watch_at LIMIT 500",
                                        arguments: [Millis.of(now)]) {
                do { rows.append(try NoticeRow(row: row)) } catch let error as LifecycleError { unreadable.append(error) }
            }
            return (rows, unreadable)
        }
        guard !rows.isEmpty || !unreadable.isEmpty else { return 0 }
        let lifecycle = context.lifecycle
        try await context.endpoint.write { db, outbox in
            var batch = lifecycle.batch(db)
            for error in unreadable { try batch.setAside(error, at: now) }
            for notice in rows { try visit(notice, now: now, batch: &batch, db: db) }
            try batch.commit(outbox)
        }
        return rows.count + unreadable.count
    }

    private func visit(_ notice: NoticeRow, now: Date, batch: inout LifecycleBatch, db: Database) throws {
        let at = Millis.of(now)
        guard let sentAt = notice.sentAt, notice.state == .sent || notice.state == .delivered else {
            try db.execute(sql: "UPDATE notice SET watch_at = NULL WHERE seq = ? AND state = ?", arguments: [notice.seq, notice.state.rawValue])
            return
        }
        if notice.state == .sent, now >= sentAt.addingTimeInterval(72 * 3600) {
            try end(notice, .failed, cause: .failure(reason: ErrorCode.timeout.rawValue, detail: "no receipt 72 h after sending"),
                    now: now, batch: &batch)
            return
        }
        if let deadline = notice.readDeadline, now >= deadline {
            try end(notice, .expired, cause: .deadlinePassed, now: now, batch: &batch)
            return
        }
        var remindedAfter = notice.remindedAfter != nil
        var remindedDeadline = notice.remindedDeadline != nil
        var kinds: [String] = []
        if !remindedAfter, now >= sentAt.addingTimeInterval(24 * 3600) {
            remindedAfter = true
            kinds.append("after_sending")
        }
        if !remindedDeadline, let deadline = notice.readDeadline {
            let before = deadline.addingTimeInterval(-24 * 3600)
            if before <= sentAt {
                remindedDeadline = true  // Deadline too close to sending for a separate reminder.
            } else if now >= before {
                remindedDeadline = true
                kinds.append("before_deadline")
            }
        }
        if !kinds.isEmpty, let phone = notice.phone {
            // Both due at once (a late sweep) → one message, both marked: never two texts together.
            try ReminderQueue.enqueue(notice: notice, phone: phone, kinds: kinds, context: context, now: now, db: db)
        }
        let watch = DueNotice.watch(sentAt: sentAt, delivered: notice.state == .delivered, deadline: notice.readDeadline,
                                    remindedAfter: remindedAfter, remindedDeadline: remindedDeadline)
        // Not a state change; only while the notice is as it was read (a receipt may have come since).
        try db.execute(sql: """
            UPDATE notice SET watch_at = ?,
              reminded_after = CASE WHEN ? THEN COALESCE(reminded_after, ?) ELSE reminded_after END,
              reminded_deadline = CASE WHEN ? THEN COALESCE(reminded_deadline, ?) ELSE reminded_deadline END
            WHERE seq = ? AND state = ? AND state_at IS ?
            """, arguments: [watch.map(Millis.of), kinds.contains("after_sending"), at,
                             remindedDeadline && notice.remindedDeadline == nil, at, notice.seq, notice.state.rawValue, notice.stateAtMillis])
    }

    private func end(_ notice: NoticeRow, _ state: NoticeState, cause: TransitionCause, now: Date, batch: inout LifecycleBatch) throws {
        guard case .success = try batch.move(notice, to: state, cause: cause, at: now) else { return }
        context.logger.info("notice ended", metadata: ["notice": "\(context.ids.id(notice.seq))", "state": "\(state.rawValue)",
                                                       "reason": "\(cause.reason ?? "")"])
    }
}
