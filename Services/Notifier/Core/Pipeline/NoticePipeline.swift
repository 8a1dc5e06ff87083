import Bus
import Foundation
import Runtime
import GRDB
import Schema
import ServiceLifecycle

/// Moves notices along (NO-2): accepted → resolved (batched) → checked document → window →
/// sending → sent/delivered, with retries, fallbacks and failover; then the sweeper for timeouts,
/// expiry and reminders. One step handles a whole batch in two transactions: the marks before
/// the providers are called, and the results (with their billing and vault messages) after.
struct NoticePipeline: Service {
    let context: NotifierContext

    func run() async throws {
        try await recover()
        let sweeper = NoticeSweeper(context: context)
        let logger = context.logger
        await PollingLoop.run(
            idle: .milliseconds(context.settings.pollMilliseconds),
            onError: { logger.error("notice pipeline step failed; retried", metadata: ["error": "\($0)"]) }
        ) { try await step() + sweeper.sweep() > 0 }
    }

    /// Notices caught in `sending` by a crash go again with the same reference (providers de-duplicate it).
    func recover() async throws {
        let now = context.now
        let lifecycle = context.lifecycle
        try await context.endpoint.write { db, outbox in
            var batch = lifecycle.batch(db)
            try batch.recoverInterrupted(at: now)
            try batch.commit(outbox)
        }
    }

    /// One batch; returns how many notices it touched.
    func step() async throws -> Int {
        let now = context.now
        let settings = context.settings
        let fetched = try await context.endpoint.store.pool.read { db in try DueNotice.fetch(before: now, limit: settings.sendBatch, in: db) }
        var due = fetched.due
        if !fetched.unreadable.isEmpty {
            let lifecycle = context.lifecycle
            try await context.endpoint.write { db, _ in
                var batch = lifecycle.batch(db)
                for error in fetched.unreadable { try batch.setAside(error, at: now) }
            }
        }
        guard !due.isEmpty else { return fetched.unreadable.count }
        let windowOpen: Bool
        let nextOpening: Date
        do {
            windowOpen = try context.window.isOpen(at: now)
            nextOpening = try context.window.nextOpening(onOrAfter: now)
        } catch {
            // Sandbox notices ignore the window, so they need no calendar and go on.
            context.logger.error("sending window unknown; notices wait", metadata: ["error": "\(error)"])
            try await postpone(due.filter { !$0.row.sandbox }, until: now.addingTimeInterval(3600))
            due = due.filter(\.row.sandbox)
            guard !due.isEmpty else { return 0 }
            return try await step(due, windowOpen: false, nextOpening: now.addingTimeInterval(3600), now: now)
        }
        return try await step(due, windowOpen: windowOpen, nextOpening: nextOpening, now: now)
    }

    private func step(_ due: [DueNotice], windowOpen: Bool, nextOpening: Date, now: Date) async throws -> Int {
        let resolutions = await LineResolver(context: context).resolve(due.filter { $0.row.state == .accepted && $0.ci != nil })
        let keys = Set(due.map { DocumentChecker.Key(document: $0.row.documentId, institution: $0.row.institution) })
        let documents = try await DocumentChecker(context: context).check(keys)
        let plan = StepPlan(due: due, resolutions: resolutions, documents: documents, windowOpen: windowOpen,
                            nextOpening: nextOpening, now: now)
        let lifecycle = context.lifecycle
        let sending = try await context.endpoint.write { db, outbox in try plan.apply(db, lifecycle: lifecycle, outbox: outbox) }
        guard !sending.isEmpty else { return due.count }
        let results = await send(sending, now: now)
        let settings = context.settings
        try await context.endpoint.write { db, outbox in
            try StepResults(lifecycle: lifecycle, settings: settings, now: now).apply(results, db: db, outbox: outbox)
        }
        return due.count
    }

    private func postpone(_ due: [DueNotice], until: Date) async throws {
        try await context.endpoint.write { db, _ in
            for notice in due {
                try db.execute(sql: "UPDATE notice SET due_at = ? WHERE seq = ? AND due_at IS NOT NULL",
                               arguments: [Millis.of(until), notice.row.seq])
            }
        }
    }

    /// Sends the batch with a few concurrent workers, each going through its share in order.
    private func send(_ notices: [NoticeRow], now: Date) async -> [SendResult] {
        let workers = max(1, min(context.settings.sendConcurrency, notices.count))
        let context = self.context
        return await withTaskGroup(of: [SendResult].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var results: [SendResult] = []
                    for index in stride(from: worker, to: notices.count, by: workers) {
                        results.append(await Self.deliver(notices[index], context: context, now: now))
                    }
                    return results
                }
            }
            var all: [SendResult] = []
            all.reserveCapacity(notices.count)
            for await part in group { all.append(contentsOf: part) }
            return all
        }
    }

    static func deliver(_ notice: NoticeRow, context: NotifierContext, now: Date) async -> SendResult {
        let id = context.ids.id(notice.seq)
        let content = MessageComposer.Content(
            reference: id, phone: notice.phone ?? "", carrier: notice.carrier, institution: notice.institution, title: notice.title,
            cover: notice.cover, link: context.link(for: id), kakaoTemplate: notice.kakaoTemplate, buttons: notice.buttons)
        var events: [String] = []
        let pool = context.pool(sandbox: notice.sandbox)
        let result = await pool.deliver(chain: MessageComposer.chain(notice.channelPreference), carrier: notice.carrier,
                                        now: now, events: &events) { MessageComposer.compose(content, channel: $0) }
        return SendResult(notice: notice, result: result, events: events)
    }
}

/// A notice and what its send attempt came to.
struct SendResult: Sendable {
    var notice: NoticeRow
    var result: ProviderPool.Result
    var events: [String]
}
