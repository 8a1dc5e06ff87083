import Foundation
import GRDB
import Schema
import Store

/// The transitions of one transaction (a pipeline step, a sweep, one handler), with what they
/// cause: campaign tallies, `notice.sent`/`notice.read` usage and `delivered`/`read` evidence,
/// flushed by `commit` as one usage and one evidence message for the whole batch.
struct LifecycleBatch {
    let lifecycle: NoticeLifecycle
    let db: Database
    private var tally = CampaignTally()
    private var usage: [UsageEvent] = []
    private var evidence: [VaultEvidence] = []
    private var statements: [UInt32: Statement] = [:]
    /// What this batch refused (already recorded on the timelines and logged).
    private(set) var refusals: [LifecycleError] = []

    init(lifecycle: NoticeLifecycle, db: Database) {
        self.lifecycle = lifecycle
        self.db = db
    }

    /// Moves `notice` — as the caller read it — to `to`, justified by `cause`.
    mutating func move(_ notice: NoticeRow, to: NoticeState, cause: TransitionCause, at: Date) throws -> Result<NoticeRow, LifecycleError> {
        try move(notice, [NoticeLifecycle.Step(to, cause, at: at)])
    }

    /// Moves `notice` along `steps` (each an edge of NO-2) in one row update. Returns the notice
    /// as it now is, or the refusal (recorded and logged; the notice is unchanged). Throws only
    /// store errors, which fail the whole transaction.
    mutating func move(_ notice: NoticeRow, _ steps: [NoticeLifecycle.Step]) throws -> Result<NoticeRow, LifecycleError> {
        if let refusal = NoticeLifecycle.check(steps, from: notice.state, notice: notice.seq) {
            try refuse(refusal, notice.seq, steps)
            return .failure(refusal)
        }
        // Times never go backwards: each step at the later of its own time and the previous one.
        var last = notice.stateAt
        var times: [Date] = []
        times.reserveCapacity(steps.count)
        for step in steps {
            last = max(step.at, last)
            times.append(last)
        }
        var row = notice
        var update = RowUpdate()
        for (index, step) in steps.enumerated() {
            apply(step, at: times[index], to: &row, update: &update)
        }
        row.state = steps[steps.count - 1].to
        row.stateAtMillis = Millis.of(last)
        update.set(.state, row.state.rawValue)
        update.set(.stateAt, row.stateAtMillis)
        let statement = try statement(for: update.mask)
        var arguments = update.arguments
        arguments += [notice.seq, notice.state.rawValue, notice.stateAtMillis, notice.dueMillis] as [(any DatabaseValueConvertible)?]
        try statement.execute(arguments: StatementArguments(arguments))
        guard db.changesCount == 1 else {
            let refusal = try diagnose(notice, target: row.state)
            try refuse(refusal, notice.seq, steps)
            return .failure(refusal)
        }
        let record = try db.cachedStatement(sql: "INSERT INTO notice_transition (notice_seq, state, at, event, detail) VALUES (?, ?, ?, ?, ?)")
        for (index, step) in steps.enumerated() {
            try record.execute(arguments: [notice.seq, step.to.rawValue, Millis.of(times[index]), step.cause.name,
                                           step.cause.detail.map { String($0.prefix(200)) }])
        }
        tally.move(notice.campaignId, from: notice.state.rawValue, to: row.state.rawValue)
        emit(for: steps.map(\.to), row)
        return .success(row)
    }

    /// Ends every waiting notice (`accepted`, `scheduled`) of a cancelled campaign as
    /// `failed(cancelled)`, set-based (a campaign may hold millions). Notices already handed to
    /// a provider finish normally (NO-7). Returns how many ended.
    @discardableResult
    mutating func cancelWaiting(campaign: String, at: Date) throws -> Int {
        let cause = TransitionCause.failure(reason: "cancelled", detail: "campaign \(campaign) cancelled")
        return try moveAll(from: [.accepted, .scheduled], to: .failed, cause: cause, at: at,
                           where: "campaign_id = ?", [campaign],
                           set: "reason = 'cancelled', final_at = %AT%, due_at = NULL, watch_at = NULL, ci = NULL")
    }

    /// Puts every notice caught in `sending` by a restart back to `scheduled`, due at `at`: it goes
    /// again with the same reference, which the providers de-duplicate (NO-8).
    @discardableResult
    mutating func recoverInterrupted(at: Date) throws -> Int {
        try moveAll(from: [.sending], to: .scheduled, cause: .interrupted(due: at), at: at, where: "1", StatementArguments(),
                    set: "due_at = \(Millis.of(at))")
    }

    /// A row whose state this version cannot read: taken off the work queues (it would fail every
    /// batch it is in), its state left as stored, the error recorded and logged for the operator.
    mutating func setAside(_ error: LifecycleError, at: Date) throws {
        try db.execute(sql: "UPDATE notice SET due_at = NULL, watch_at = NULL WHERE seq = ?", arguments: [error.notice])
        try NoticeTimelineStore.add(error.notice, "unreadable", at: at, detail: error.description, in: db)
        refusals.append(error)
        lifecycle.logger.error("notice state unreadable; set aside", metadata: [
            "notice": "\(lifecycle.ids.id(error.notice))", "error": "\(error.description)",
        ])
    }

    /// Flushes the campaign tallies and sends the batch's usage and evidence (one message each).
    func commit(_ outbox: OutboxWriter) throws {
        try tally.flush(db)
        if !usage.isEmpty { try outbox.send(RecordUsage(events: usage), in: db) }
        if !evidence.isEmpty { try outbox.send(VaultEvidenceBatch(items: evidence), in: db) }
    }

    // MARK: - Row updates

    private func apply(_ step: NoticeLifecycle.Step, at: Date, to row: inout NoticeRow, update: inout RowUpdate) {
        let millis = Millis.of(at)
        switch step.to {
        case .accepted:
            break
        case .scheduled:
            if row.scheduledAt == nil { row.scheduledAt = at }
            update.set(.scheduledAt, millis)
            let due: Date? = switch step.cause {
            case .windowClosed(let until, _): until
            case .retry(_, let next): next
            case .interrupted(let due): due
            default: at
            }
            row.dueAt = due
            row.dueMillis = due.map(Millis.of)
            update.set(.dueAt, row.dueMillis)
            if case .windowClosed(_, let line?) = step.cause { resolve(line, row: &row, update: &update) }
        case .sending:
            if row.scheduledAt == nil { row.scheduledAt = at }
            row.sendingAt = at
            row.attempts += 1
            row.dueAt = nil
            row.dueMillis = nil
            update.set(.scheduledAt, millis)
            update.set(.sendingAt, millis)
            update.set(.attempts, nil)
            update.set(.dueAt, nil)
            if case .dispatched(_, let line?) = step.cause { resolve(line, row: &row, update: &update) }
        case .sent:
            row.sentAt = at
            update.set(.sentAt, millis)
            if case .providerAccepted(let provider, let channel) = step.cause {
                if let channel { row.channel = channel }
                update.set(.channel, channel?.rawValue)
                update.set(.provider, provider)
            }
            row.dueAt = nil
            row.dueMillis = nil
            update.set(.dueAt, nil)
            update.set(.watchAt, watch(row, sentAt: at, delivered: false))
        case .delivered:
            row.deliveredAt = at
            update.set(.deliveredAt, millis)
            update.set(.watchAt, watch(row, sentAt: row.sentAt ?? at, delivered: true))
        case .read:
            row.readAt = at
            row.finalAt = at
            update.set(.readAt, millis)
            update.set(.finalAt, millis)
            update.set(.watchAt, nil)
        case .failed, .unreachable, .expired:
            row.reason = step.cause.reason
            row.finalAt = at
            row.dueAt = nil
            row.dueMillis = nil
            update.set(.reason, row.reason.map { String($0.prefix(64)) })
            update.set(.finalAt, millis)
            update.set(.dueAt, nil)
            update.set(.watchAt, nil)
            update.set(.ci, nil)
        }
    }

    private func resolve(_ line: ResolvedLine, row: inout NoticeRow, update: inout RowUpdate) {
        row.phone = line.phone
        row.carrier = line.carrier
        update.set(.phone, line.phone)
        update.set(.carrier, line.carrier.rawValue)
        update.set(.ci, nil)
    }

    private func watch(_ row: NoticeRow, sentAt: Date, delivered: Bool) -> Int64? {
        DueNotice.watch(sentAt: sentAt, delivered: delivered, deadline: row.readDeadline, remindedAfter: row.remindedAfter != nil,
                        remindedDeadline: row.remindedDeadline != nil).map(Millis.of)
    }

    private mutating func statement(for mask: UInt32) throws -> Statement {
        if let statement = statements[mask] { return statement }
        let assignments = RowUpdate.Column.allCases.filter { mask & $0.bit != 0 }.map(\.assignment).joined(separator: ", ")
        let statement = try db.cachedStatement(sql: """
            UPDATE notice SET \(assignments) WHERE seq = ? AND state = ? AND state_at IS ? AND due_at IS ?
            """)
        statements[mask] = statement
        return statement
    }

    // MARK: - What transitions cause

    private mutating func emit(for states: [NoticeState], _ row: NoticeRow) {
        let id = lifecycle.ids.id(row.seq)
        for state in states {
            switch state {
            case .sent:
                let at = row.sentAt ?? row.stateAt
                if !row.sandbox {
                    usage.append(UsageEvent(eventId: "notice.sent:\(id)", institution: row.institution, item: .noticeSent,
                                            quantity: 1, occurredAt: at, reference: id))
                }
            case .delivered:
                let at = row.deliveredAt ?? row.stateAt
                evidence.append(VaultEvidence(noticeId: id, documentId: row.documentId, kind: .delivered, institution: row.institution,
                                              recipientMasked: row.recipientMasked ?? "", sentAt: row.sentAt ?? at, occurredAt: at,
                                              sandbox: row.sandbox))
            case .read:
                let at = row.readAt ?? row.stateAt
                // A sandbox notice's read is evidence (marked) but never billed (X-8).
                if !row.sandbox {
                    usage.append(UsageEvent(eventId: "notice.read:\(id)", institution: row.institution, item: .noticeRead,
                                            quantity: 1, occurredAt: at, reference: id))
                }
                evidence.append(VaultEvidence(noticeId: id, documentId: row.documentId, kind: .read, institution: row.institution,
                                              recipientMasked: row.recipientMasked ?? "", sentAt: row.sentAt ?? at, occurredAt: at,
                                              sandbox: row.sandbox))
            default:
                break
            }
        }
    }

    // MARK: - Refusals

    /// Why a guarded update changed nothing: the notice as it is now.
    private func diagnose(_ notice: NoticeRow, target: NoticeState) throws -> LifecycleError {
        guard let raw = try String.fetchOne(db, sql: "SELECT state FROM notice WHERE seq = ?", arguments: [notice.seq]) else {
            return .noticeNotFound(notice: notice.seq)
        }
        let current: NoticeState
        do { current = try NoticeState.stored(raw, notice: notice.seq) } catch { return error }
        if current.isFinal, current != notice.state { return .finalState(notice: notice.seq, state: current, attempted: target) }
        return .stale(notice: notice.seq, expected: notice.state, found: current)
    }

    private mutating func refuse(_ error: LifecycleError, _ seq: Int64, _ steps: [NoticeLifecycle.Step]) throws {
        refusals.append(error)
        let cause = steps.last.map { step in [step.cause.name, step.cause.detail].compactMap { $0 }.joined(separator: " ") } ?? ""
        let target = steps.last?.to.rawValue ?? "?"
        let at = steps.last?.at ?? Date(timeIntervalSince1970: 0)
        if case .noticeNotFound = error {} else {
            try NoticeTimelineStore.add(seq, "refused", at: at, detail: "\(target) (\(cause)): \(error.description)", in: db)
        }
        lifecycle.logger.warning("notice transition refused", metadata: [
            "notice": "\(lifecycle.ids.id(seq))", "to": "\(target)", "event": "\(steps.last?.cause.name ?? "")",
            "reason": "\(error.description)",
        ])
    }

    // MARK: - Set-based transitions

    /// Moves every notice matching `filter` in one of `sources` to `to`; `set` is the extra
    /// assignments (`%AT%` stands for the clamped time). Each source must be a legal edge.
    private mutating func moveAll(from sources: [NoticeState], to: NoticeState, cause: TransitionCause, at: Date,
                                  where filter: String, _ filterArguments: StatementArguments,
                                  set: String) throws -> Int {
        let legal = sources.filter { NoticeEdges.isLegal($0, to) && cause.justifies(to) }
        guard !legal.isEmpty else { return 0 }
        let states = legal.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let scope = "(\(filter)) AND state IN (\(states))"
        let clamped = "MAX(\(Millis.of(at)), COALESCE(state_at, accepted_at))"
        for row in try Row.fetchAll(db, sql: "SELECT campaign_id, state, COUNT(*) AS n FROM notice WHERE \(scope) GROUP BY campaign_id, state",
                                    arguments: filterArguments) {
            if let campaign: String = row["campaign_id"] {
                tally.add(campaign, state: row["state"], count: -(row["n"] as Int))
                tally.add(campaign, state: to.rawValue, count: row["n"])
            }
        }
        try db.execute(sql: """
            INSERT INTO notice_transition (notice_seq, state, at, event, detail)
            SELECT seq, ?, \(clamped), ?, ? FROM notice WHERE \(scope)
            """, arguments: [to.rawValue, cause.name, cause.detail] + filterArguments)
        try db.execute(sql: """
            UPDATE notice SET state = ?, state_at = \(clamped), \(set.replacingOccurrences(of: "%AT%", with: clamped)) WHERE \(scope)
            """, arguments: [to.rawValue] + filterArguments)
        return db.changesCount
    }
}

/// The columns one transition writes, and their values, in a fixed order (one cached statement
/// per combination).
struct RowUpdate {
    enum Column: Int, CaseIterable {
        case state, stateAt, scheduledAt, sendingAt, sentAt, deliveredAt, readAt, finalAt, reason, dueAt, watchAt, channel, provider,
             attempts, phone, carrier, ci

        var bit: UInt32 { 1 << UInt32(rawValue) }

        var assignment: String {
            switch self {
            case .state: "state = ?"
            case .stateAt: "state_at = ?"
            case .scheduledAt: "scheduled_at = COALESCE(scheduled_at, ?)"
            case .sendingAt: "sending_at = ?"
            case .sentAt: "sent_at = ?"
            case .deliveredAt: "delivered_at = ?"
            case .readAt: "read_at = ?"
            case .finalAt: "final_at = ?"
            case .reason: "reason = ?"
            case .dueAt: "due_at = ?"
            case .watchAt: "watch_at = ?"
            case .channel: "channel = COALESCE(?, channel)"
            case .provider: "provider = ?"
            case .attempts: "attempts = attempts + 1"
            case .phone: "phone = ?"
            case .carrier: "carrier = ?"
            case .ci: "ci = NULL"
            }
        }

        /// Whether the assignment takes a value.
        var bound: Bool { self != .attempts && self != .ci }
    }

    private(set) var mask: UInt32 = 0
    private var values = [DatabaseValue](repeating: .null, count: Column.allCases.count)

    mutating func set(_ column: Column, _ value: (any DatabaseValueConvertible)?) {
        mask |= column.bit
        values[column.rawValue] = value?.databaseValue ?? .null
    }

    /// The values of the set columns that take one, in column order.
    var arguments: [(any DatabaseValueConvertible)?] {
        Column.allCases.filter { mask & $0.bit != 0 && $0.bound }.map { values[$0.rawValue] }
    }
}
