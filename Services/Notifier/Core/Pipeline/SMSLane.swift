import Foundation
import Runtime
import GRDB
import Schema
import ServiceLifecycle

/// Sends stored SMS/LMS of one lane. Two run side by side — the OTP lane and the normal lane —
/// so codes never queue behind reminders or API traffic, and neither behind campaign notices
/// (which have their own pipeline). The window is checked at each attempt for window-bound
/// purposes; a reminder whose notice was read meanwhile is skipped.
struct SMSLane: Service {
    let context: NotifierContext
    let lane: Int

    private struct Item {
        var seq: Int64
        var institution: String
        var phone: String
        var subject: String?
        var text: String
        var kind: SMSAccepted.Kind
        var purpose: SMSBook.Purpose
        var noticeState: String?
        /// Belongs to a sandbox notice (its code or reminder): simulated carriers only, no window.
        var sandbox: Bool
        var attempts: Int
    }

    func run() async throws {
        let (logger, lane) = (context.logger, self.lane)
        await PollingLoop.run(
            idle: .milliseconds(context.settings.pollMilliseconds),
            onError: { logger.error("SMS lane step failed; retried", metadata: ["lane": "\(lane)", "error": "\($0)"]) }
        ) { try await step() > 0 }
    }

    func step() async throws -> Int {
        let now = context.now
        let items = try await context.endpoint.store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.seq, s.institution, s.phone, s.subject, s.text, s.kind, s.purpose, s.attempts, n.state AS notice_state,
                       COALESCE(n.sandbox, 0) AS sandbox
                FROM sms s LEFT JOIN notice n ON n.seq = s.notice_seq
                WHERE s.lane = ? AND s.due_at <= ? ORDER BY s.due_at LIMIT 200
                """, arguments: [lane, Millis.of(now)]).map { row in
                Item(seq: row["seq"], institution: row["institution"], phone: row["phone"], subject: row["subject"], text: row["text"],
                     kind: SMSAccepted.Kind(rawValue: row["kind"]) ?? .lms, purpose: SMSBook.Purpose(rawValue: row["purpose"]) ?? .api,
                     noticeState: row["notice_state"], sandbox: row["sandbox"], attempts: row["attempts"])
            }
        }
        guard !items.isEmpty else { return 0 }
        let windowOpen = (try? context.window.isOpen(at: now)) ?? false
        let nextOpening = (try? context.window.nextOpening(onOrAfter: now)) ?? now.addingTimeInterval(3600)
        var outcomes: [(Item, String, ProviderPool.Result?)] = []
        for item in items {
            // No reminder for a notice in an end state, nor for one whose stored state this build
            // cannot read (NoticeLifecycle sets such a notice aside as a typed error; never a guess).
            if item.purpose == .reminder, let state = item.noticeState, NoticeState(rawValue: state)?.isFinal ?? true {
                outcomes.append((item, "skipped", nil))
            } else if item.purpose.windowBound, !windowOpen, !item.sandbox {
                outcomes.append((item, "deferred", nil))
            } else {
                var events: [String] = []
                let message = OutboundMessage(reference: SMSBook.reference(item.seq, context: context), phone: item.phone, carrier: nil,
                                              channel: item.kind == .sms ? .sms : .lms, subject: item.subject, text: item.text, link: nil)
                let result = await context.pool(sandbox: item.sandbox).deliver(chain: [message.channel], carrier: nil, now: now,
                                                                               events: &events) { _ in message }
                outcomes.append((item, "sent", result))
            }
        }
        let results = outcomes
        try await context.endpoint.write { db, outbox in
            var usage: [UsageEvent] = []
            for (item, action, result) in results {
                switch (action, result) {
                case ("skipped", _):
                    try db.execute(sql: "UPDATE sms SET state = 'skipped', due_at = NULL WHERE seq = ?", arguments: [item.seq])
                case ("deferred", _):
                    try db.execute(sql: "UPDATE sms SET due_at = ? WHERE seq = ?", arguments: [Millis.of(nextOpening), item.seq])
                case (_, .delivered(_, let provider, _)?), (_, .accepted(_, let provider)?):
                    try db.execute(sql: "UPDATE sms SET state = 'sent', provider = ?, sent_at = ?, due_at = NULL, attempts = attempts + 1 WHERE seq = ?",
                                   arguments: [provider, Millis.of(now), item.seq])
                    if item.purpose.billed, !item.sandbox {
                        let id = SMSBook.reference(item.seq, context: context)
                        usage.append(UsageEvent(eventId: "sms.sent:\(id)", institution: item.institution, item: .smsSent, quantity: 1,
                                                occurredAt: now, reference: id))
                    }
                case (_, .retry?) where item.attempts + 1 < context.settings.maxAttempts:
                    let backoff = min(600, 5 * pow(2, Double(item.attempts)))
                    try db.execute(sql: "UPDATE sms SET due_at = ?, attempts = attempts + 1 WHERE seq = ?",
                                   arguments: [Millis.of(now.addingTimeInterval(backoff)), item.seq])
                default:
                    try db.execute(sql: "UPDATE sms SET state = 'failed', reason = 'undeliverable', due_at = NULL WHERE seq = ?", arguments: [item.seq])
                }
            }
            if !usage.isEmpty { try outbox.send(RecordUsage(events: usage), in: db) }
        }
        return items.count
    }
}
