import Bus
import Foundation
import GRDB
import Logging
@testable import NotifierCore
import Runtime
import Schema
import SongdalTesting
import Store
import Testing

/// A notifier store without a bus, a fake clock, and the lifecycle over them: the pipeline's own
/// transactions (`StepPlan`, `StepResults`), campaign control and the sweeper's edges run on it
/// in an order the test chooses.
struct LifecycleBench {
    let store: ServiceStore
    let clock = FakeWallClock(Date(timeIntervalSince1970: 1_795_399_200))  // 2026-11-23 11:00 KST, a Monday
    let lifecycle = NoticeLifecycle(ids: NoticeIDs(tag: "nt"), logger: Logger(label: "lifecycle-test"))
    let outbox: OutboxWriter

    init() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lifecycle-\(UUID().uuidString)")
        store = try ServiceStore(directory: folder, service: "notifier", migrations: NotifierMigrations.all)
        let clock = self.clock
        outbox = OutboxWriter(source: "notifier/1", registry: NotifierService.registry, now: { clock.now })
    }

    var now: Date { clock.now }

    /// A phone-addressed notice, accepted now and due now.
    func insert(campaign: String? = nil, deadline: Date? = nil) throws -> Int64 {
        let at = Millis.of(now)
        return try store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO notice (institution, campaign_id, phone, carrier, title, cover, document_id, channel_pref, read_deadline,
                                    state, accepted_at, due_at)
                VALUES ('kb', ?, '01012345678', 'KT', 't', 'c', 'doc-1', 'rcs', ?, 'accepted', ?, ?)
                """, arguments: [campaign, deadline.map(Millis.of), at, at])
            return db.lastInsertedRowID
        }
    }

    func campaign(_ id: String) throws {
        try store.pool.write { db in
            try db.execute(sql: """
                INSERT INTO campaign (id, institution, name, path, body_hash, title, cover, document_id, channel_pref, state, created_at)
                VALUES (?, 'kb', 'c', '/dev/null', 'h', 't', 'c', 'doc-1', 'rcs', 'running', ?)
                """, arguments: [id, Millis.of(now)])
        }
    }

    /// Test set-up only: puts a notice in `state` with the timestamps that state implies.
    func force(_ seq: Int64, into state: NoticeState, at: Date) throws {
        let millis = Millis.of(at)
        let sent = [.sent, .delivered, .read].contains(state) ? millis : nil
        try store.pool.write { db in
            try db.execute(sql: """
                UPDATE notice SET state = ?, state_at = ?, sent_at = ?, delivered_at = ?, due_at = ?, watch_at = NULL WHERE seq = ?
                """, arguments: [state.rawValue, millis, sent, [.delivered, .read].contains(state) ? millis : nil,
                                 [.accepted, .scheduled].contains(state) ? millis : nil, seq])
        }
    }

    func notice(_ seq: Int64) throws -> NoticeRow {
        try #require(try store.pool.read { db in try NoticeRow.fetch(seq, in: db) })
    }

    /// Runs `body` with a lifecycle batch in one write transaction, then commits the batch.
    @discardableResult
    func write<T>(_ body: (inout LifecycleBatch, Database) throws -> T) throws -> T {
        try store.pool.write { db in
            var batch = lifecycle.batch(db)
            let result = try body(&batch, db)
            try batch.commit(outbox)
            return result
        }
    }

    func move(_ seq: Int64, to: NoticeState, cause: TransitionCause, at: Date? = nil) throws -> Result<NoticeRow, LifecycleError> {
        let notice = try notice(seq)
        return try write { batch, _ in try batch.move(notice, to: to, cause: cause, at: at ?? now) }
    }

    func transitions(_ seq: Int64) throws -> [NoticeTimelineStore.Transition] {
        try store.pool.read { db in try NoticeTimelineStore.transitions(of: seq, in: db) }
    }

    func events(_ seq: Int64, _ name: String) throws -> [String] {
        try store.pool.read { db in
            try String?.fetchAll(db, sql: "SELECT detail FROM notice_event WHERE notice_seq = ? AND event = ?", arguments: [seq, name])
                .map { $0 ?? "" }
        }
    }

    /// The payloads of the outbox rows of a message type.
    func outbox(_ type: String) throws -> [[UInt8]] {
        try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT payload FROM bus_outbox WHERE type = ?", arguments: [type]).map { [UInt8]($0["payload"] as Data) }
        }
    }

    func evidence() throws -> [VaultEvidence] {
        try outbox(VaultEvidenceBatch.messageType.name).flatMap { try PayloadCodec.decode(VaultEvidenceBatch.self, from: $0).items }
    }

    func tally(_ campaign: String) throws -> [String: Int] {
        try store.pool.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, count FROM campaign_tally WHERE campaign_id = ?", arguments: [campaign]) {
                counts[row["state"]] = row["count"]
            }
            return counts
        }
    }

    static func receipt(_ id: String = "sim-kt:nt-1", at: Date) -> CarrierReceipt { CarrierReceipt(id: id, provider: "sim-kt", at: at) }

    /// An event that justifies reaching `state` (any one will do for the edge table).
    func cause(for state: NoticeState) -> TransitionCause {
        switch state {
        case .accepted, .sending: .dispatched(attempt: 1, line: nil)
        case .scheduled: .windowClosed(until: now.addingTimeInterval(3600), line: nil)
        case .sent: .providerAccepted(provider: "sim-kt", channel: .rcs)
        case .delivered: .carrierReceipt(Self.receipt(at: now))
        case .read: .firstView
        case .failed: .failure(reason: "undeliverable", detail: nil)
        case .unreachable: .noLine(reason: "no_subscriber")
        case .expired: .deadlinePassed
        }
    }
}

/// `NoticeLifecycle` (NO-2, X-6): the edge table, monotonic time, receipts, races, unknown states.
@Suite struct LifecycleTests {
    /// NO-2's edges, written out here independently of `NoticeEdges`.
    static let legal: Set<[NoticeState]> = [
        [.accepted, .scheduled], [.accepted, .sending], [.accepted, .failed], [.accepted, .unreachable],
        [.scheduled, .sending], [.scheduled, .failed], [.scheduled, .unreachable],
        [.sending, .scheduled], [.sending, .sent], [.sending, .failed],
        [.sent, .delivered], [.sent, .read], [.sent, .failed], [.sent, .expired],
        [.delivered, .read], [.delivered, .expired],
    ]

    @Test func everyPairOfStatesAgainstTheEdgeTable() throws {
        let bench = try LifecycleBench()
        var checked = 0
        for from in NoticeState.allCases {
            for to in NoticeState.allCases {
                let seq = try bench.insert()
                let before = bench.now.addingTimeInterval(-60)
                try bench.force(seq, into: from, at: before)
                let outcome = try bench.move(seq, to: to, cause: bench.cause(for: to))
                let after = try bench.notice(seq)
                #expect(NoticeEdges.isLegal(from, to) == Self.legal.contains([from, to]), "table \(from) → \(to)")
                if Self.legal.contains([from, to]) {
                    #expect((try? outcome.get())?.state == to, "\(from) → \(to) accepted")
                    #expect(after.state == to)
                    #expect(after.stateAt == bench.now)
                    #expect(try bench.transitions(seq).map(\.state) == [to.rawValue])
                    #expect(try bench.events(seq, "refused").isEmpty)
                } else {
                    let expected: LifecycleError = from.isFinal
                        ? .finalState(notice: seq, state: from, attempted: to)
                        : .illegalEdge(notice: seq, from: from, to: to)
                    #expect(outcome.refusal == expected, "\(from) → \(to) refused")
                    #expect(after.state == from, "\(from) → \(to) left the notice alone")
                    #expect(after.stateAt == Millis.date(Millis.of(before)))
                    #expect(try bench.transitions(seq).isEmpty)
                    #expect(try bench.events(seq, "refused").count == 1)
                }
                checked += 1
            }
        }
        #expect(checked == 81)
    }

    @Test func timestampsNeverGoBackwards() throws {
        let bench = try LifecycleBench()
        let seq = try bench.insert()
        let accepted = bench.now
        bench.clock.advance(by: -120)  // The clock stepped back (NTP, an operator).
        _ = try bench.move(seq, to: .sending, cause: .dispatched(attempt: 1, line: nil))
        #expect(try bench.notice(seq).sendingAt == accepted)
        bench.clock.set(accepted.addingTimeInterval(10))
        let sending = try bench.notice(seq)
        // The carrier's receipt says 5 s *before* the provider took the message.
        let outcome = try bench.write { batch, _ in
            try batch.move(sending, [
                NoticeLifecycle.Step(.sent, .providerAccepted(provider: "sim-kt", channel: .rcs), at: bench.now),
                NoticeLifecycle.Step(.delivered, .carrierReceipt(LifecycleBench.receipt(at: bench.now.addingTimeInterval(-5))),
                                     at: bench.now.addingTimeInterval(-5)),
            ])
        }
        #expect(outcome.refusal == nil)
        let delivered = try bench.notice(seq)
        #expect(delivered.sentAt == accepted.addingTimeInterval(10))
        #expect(delivered.deliveredAt == delivered.sentAt)
        let times = try bench.transitions(seq).map(\.at)
        #expect(times.count == 3)
        #expect(times == times.sorted())
        #expect(times.allSatisfy { $0 >= accepted })
        // The certificate's facts are the recorded ones: sent ≤ delivered.
        let evidence = try #require(try bench.evidence().first)
        #expect(evidence.sentAt == delivered.sentAt)
        #expect(evidence.occurredAt == delivered.deliveredAt)
        // A read far in the past is recorded at the delivery's time, never before it.
        _ = try bench.move(seq, to: .read, cause: .firstView, at: accepted.addingTimeInterval(-3600))
        #expect(try bench.notice(seq).readAt == delivered.deliveredAt)
    }

    @Test func deliveredNeedsACarrierReceipt() throws {
        let bench = try LifecycleBench()
        let seq = try bench.insert()
        try bench.force(seq, into: .sent, at: bench.now)
        // A step result alone (the provider took it) does not make it delivered.
        #expect(try bench.move(seq, to: .delivered, cause: .providerAccepted(provider: "sim-kt", channel: .rcs)).refusal
            == .unjustified(notice: seq, to: .delivered, cause: "provider_accepted"))
        #expect(try bench.move(seq, to: .delivered, cause: .carrierReceipt(LifecycleBench.receipt(" ", at: bench.now))).refusal
            == .unjustified(notice: seq, to: .delivered, cause: "a receipt without an id"))
        #expect(try bench.notice(seq).state == .sent)
        #expect(try bench.evidence().isEmpty)
        // From `sending`, `delivered` is only reached through `sent`.
        let other = try bench.insert()
        try bench.force(other, into: .sending, at: bench.now)
        #expect(try bench.move(other, to: .delivered, cause: .carrierReceipt(LifecycleBench.receipt(at: bench.now))).refusal
            == .illegalEdge(notice: other, from: .sending, to: .delivered))
        // With the receipt, the transition keeps its id, and the evidence goes with it.
        #expect(try bench.move(seq, to: .delivered, cause: .carrierReceipt(LifecycleBench.receipt("kt-receipt-77", at: bench.now))).refusal == nil)
        let last = try #require(try bench.transitions(seq).last)
        #expect(last.state == "delivered")
        #expect(last.event == "carrier_receipt")
        #expect(last.detail?.contains("kt-receipt-77") == true)
        #expect(try bench.evidence().map(\.kind) == [.delivered])
    }

    /// A retry is pending (scheduled, due in 60 s); the pipeline reads the notice as due, the
    /// campaign is cancelled, then the step goes on with what it read — and a result of the
    /// earlier attempt comes in late. Nothing is sent or delivered, and both are refused on the
    /// timeline. The same with a pause: the step that read the notice before the pause is refused.
    @Test func cancelRacingAPendingRetryNeverDelivers() throws {
        let bench = try LifecycleBench()
        try bench.campaign("nt-c1")
        let seq = try bench.insert(campaign: "nt-c1")
        try bench.store.pool.write { db in
            try db.execute(sql: "INSERT INTO campaign_tally (campaign_id, state, count) VALUES ('nt-c1', 'accepted', 1)")
        }
        let documents = [DocumentChecker.Key(document: "doc-1", institution: "kb"): true]
        func plan(_ due: [DueNotice]) throws -> [NoticeRow] {
            try bench.store.pool.write { db in
                try StepPlan(due: due, resolutions: [:], documents: documents, windowOpen: true, nextOpening: bench.now, now: bench.now)
                    .apply(db, lifecycle: bench.lifecycle, outbox: bench.outbox)
            }
        }
        func results(_ results: [SendResult]) throws {
            try bench.store.pool.write { db in
                try StepResults(lifecycle: bench.lifecycle, settings: NotifierSettings(), now: bench.now)
                    .apply(results, db: db, outbox: bench.outbox)
            }
        }
        func due() throws -> [DueNotice] { try bench.store.pool.read { db in try DueNotice.fetch(before: bench.now, limit: 10, in: db).due } }

        // Attempt 1: every provider is down → retry in 60 s.
        let first = try plan(try due())
        #expect(first.map(\.seq) == [seq])
        try results([SendResult(notice: first[0], result: .retry("no provider available"), events: [])])
        #expect(try bench.notice(seq).state == .scheduled)

        // The retry falls due; the pipeline reads the notice…
        bench.clock.advance(by: 61)
        let stale = try due()
        #expect(stale.map(\.row.seq) == [seq])
        // …the campaign is cancelled before the step writes…
        _ = try bench.store.pool.write { db in
            try CampaignControl.apply(ControlCampaign(campaignId: "nt-c1", institution: "kb", action: .cancel), lifecycle: bench.lifecycle,
                                      now: bench.now, outbox: bench.outbox, in: db)
        }
        // …the step's marks are refused, so nothing goes to a provider…
        #expect(try plan(stale).isEmpty)
        // …and a delivery of the earlier attempt that arrives late is refused too.
        bench.clock.advance(by: 1)
        try results([SendResult(notice: first[0], result: .delivered(channel: .rcs, provider: "sim-kt",
                                                                        receipt: LifecycleBench.receipt(at: bench.now)), events: [])])

        let notice = try bench.notice(seq)
        #expect(notice.state == .failed)
        #expect(notice.reason == "cancelled")
        #expect(notice.deliveredAt == nil)
        #expect(notice.attempts == 1)
        #expect(try bench.evidence().isEmpty)
        #expect(try bench.outbox(RecordUsage.messageType.name).isEmpty)
        #expect(try bench.tally("nt-c1").filter { $0.value != 0 } == ["failed": 1])
        #expect(try bench.transitions(seq).map(\.state) == ["sending", "scheduled", "failed"])
        let refused = try bench.events(seq, "refused")
        #expect(refused.count == 2)
        #expect(refused.allSatisfy { $0.contains("already failed") })

        // Pause: a step that read a waiting notice before the pause does not send it.
        try bench.campaign("nt-c2")
        let paused = try bench.insert(campaign: "nt-c2")
        let read = try due()
        _ = try bench.store.pool.write { db in
            try CampaignControl.apply(ControlCampaign(campaignId: "nt-c2", institution: "kb", action: .pause), lifecycle: bench.lifecycle,
                                      now: bench.now, outbox: bench.outbox, in: db)
        }
        #expect(try plan(read).isEmpty)
        #expect(try bench.notice(paused).state == .accepted)
        #expect(try bench.notice(paused).dueAt == nil)
        #expect(try bench.events(paused, "refused").count == 1)
    }

    @Test func anUnknownStoredStateIsATypedError() throws {
        let bench = try LifecycleBench()
        let seq = try bench.insert()
        let good = try bench.insert()
        try bench.store.pool.write { db in try db.execute(sql: "UPDATE notice SET state = 'lost' WHERE seq = ?", arguments: [seq]) }
        #expect(throws: LifecycleError.unknownStoredState(notice: seq, raw: "lost")) {
            _ = try bench.store.pool.read { db in try NoticeRow.fetch(seq, in: db) }
        }
        #expect(LifecycleError.unknownStoredState(notice: seq, raw: "lost").reply.code.rawValue == "notice_state_unknown")
        // The pipeline sets the row aside (off the queue, state as stored) and goes on with the others.
        let fetched = try bench.store.pool.read { db in try DueNotice.fetch(before: bench.now, limit: 10, in: db) }
        #expect(fetched.due.map(\.row.seq) == [good])
        #expect(fetched.unreadable == [.unknownStoredState(notice: seq, raw: "lost")])
        try bench.write { batch, _ in for error in fetched.unreadable { try batch.setAside(error, at: bench.now) } }
        let after = try bench.store.pool.read { db in try Row.fetchOne(db, sql: "SELECT state, due_at FROM notice WHERE seq = ?", arguments: [seq]) }
        #expect(after?["state"] as String? == "lost")
        #expect(after?["due_at"] as Int64? == nil)
        #expect(try bench.events(seq, "unreadable").count == 1)
        // A late transition on it (the caller read it before it went bad) is refused with the same error.
        try bench.store.pool.write { db in try db.execute(sql: "UPDATE notice SET state = 'accepted' WHERE seq = ?", arguments: [seq]) }
        let snapshot = try bench.notice(seq)
        try bench.store.pool.write { db in try db.execute(sql: "UPDATE notice SET state = 'lost' WHERE seq = ?", arguments: [seq]) }
        let outcome = try bench.write { batch, _ in try batch.move(snapshot, to: .sending, cause: .dispatched(attempt: 1, line: nil), at: bench.now) }
        #expect(outcome.refusal == .unknownStoredState(notice: seq, raw: "lost"))
    }
}

/// A store written before the lifecycle gets its transitions from the timestamp columns.
@Suite struct LifecycleMigrationTests {
    @Test func olderNoticesGetTheirTransitions() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lifecycle-v2-\(UUID().uuidString)")
        let old = try ServiceStore(directory: folder, service: "notifier", migrations: [NotifierMigrations.v1, NotifierMigrations.v2])
        try old.pool.write { db in
            try db.execute(sql: """
                INSERT INTO notice (institution, phone, title, cover, document_id, channel_pref, state, channel, provider,
                                    accepted_at, scheduled_at, sending_at, sent_at, delivered_at, watch_at, attempts)
                VALUES ('kb', '01012345678', 't', 'c', 'doc-1', 'rcs', 'delivered', 'RCS', 'sim-kt', 1000, 1000, 1000, 1001, 1002, 90000, 1);
                INSERT INTO notice (institution, phone, title, cover, document_id, channel_pref, state, reason, accepted_at, final_at)
                VALUES ('kb', '01012345679', 't', 'c', 'doc-1', 'rcs', 'unreachable', 'no_subscriber', 2000, 2005);
                INSERT INTO notice (institution, phone, title, cover, document_id, channel_pref, state, accepted_at, due_at)
                VALUES ('kb', '01012345670', 't', 'c', 'doc-1', 'rcs', 'accepted', 3000, 3000);
                """)
        }
        let store = try ServiceStore(directory: folder, service: "notifier", migrations: NotifierMigrations.all)
        let (transitions, stateAt) = try store.pool.read { db in
            (try [1, 2, 3].map { try NoticeTimelineStore.transitions(of: $0, in: db).map(\.state) },
             try [1, 2, 3].map { try NoticeRow.fetch($0, in: db)?.stateAtMillis })
        }
        #expect(transitions == [["scheduled", "sending", "sent", "delivered"], ["unreachable"], []])
        #expect(stateAt == [1002, 2005, nil])
        // And the lifecycle takes them on from there.
        let lifecycle = NoticeLifecycle(ids: NoticeIDs(tag: "nt"), logger: Logger(label: "lifecycle-test"))
        let outbox = OutboxWriter(source: "notifier/1", registry: NotifierService.registry, now: { Date() })
        let notice = try #require(try store.pool.read { db in try NoticeRow.fetch(1, in: db) })
        let read = try store.pool.write { db in
            var batch = lifecycle.batch(db)
            defer { _ = try? batch.commit(outbox) }
            return try batch.move(notice, to: .read, cause: .firstView, at: Date(timeIntervalSince1970: 0.5))
        }
        #expect(read.refusal == nil)
        let readAt = try store.pool.read { db in try NoticeRow.fetch(1, in: db)?.readAt }
        #expect(readAt == Date(timeIntervalSince1970: 1.002))
    }
}

/// The same rules through the running notifier (TestCluster, fake clock).
@Suite(.serialized) struct LifecycleClusterTests {
    /// Every carrier down: the campaign's notices wait for their retry; the campaign is cancelled;
    /// the carriers come back and the clock passes the retry: nobody gets a message.
    @Test func cancelledDuringAPendingRetryNothingGoes() async throws {
        let harness = try await Harness.start()
        let carriers = ["sim-kt", "sim-skt", "sim-lgu"]
        for carrier in carriers { harness.network.configure(carrier) { $0.down = true } }
        let url = harness.cluster.directory.appendingPathComponent("retry-\(UUID().uuidString).csv")
        try "phone\n010-5000-0001\n010-5000-0002\n010-5000-0003\n".write(to: url, atomically: true, encoding: .utf8)
        let id = try await harness.client.request(StartCampaign(institution: "kb", path: url.path, name: "retry", title: "고지",
                                                                coverText: "고지서입니다.", documentId: "doc-1")).campaignId
        @Sendable func progress() async throws -> CampaignProgress {
            try await harness.client.request(CampaignProgressQuery(campaignId: id, institution: "kb"))
        }
        #expect(try await eventually { try await progress().count(.scheduled) == 3 })
        _ = try await harness.client.request(ControlCampaign(campaignId: id, institution: "kb", action: .cancel))
        for carrier in carriers { harness.network.configure(carrier) { $0.down = false } }
        harness.cluster.clock.advance(by: 600)
        try await Task.sleep(for: .milliseconds(400))
        let final = try await progress()
        #expect(final.count(.failed) == 3)
        #expect(final.count(.delivered) == 0 && final.count(.sending) == 0 && final.count(.scheduled) == 0)
        #expect(harness.network.allRecords.isEmpty)
        #expect(harness.peers.state.withLock { $0.evidence.isEmpty })
        await harness.shutdown()
    }

    /// A notice whose stored state this build cannot read answers `notice_state_unknown`, not `failed`.
    @Test func unknownStoredStateOverTheBus() async throws {
        let harness = try await Harness.start(at: kst("2026-11-23", 19))  // Outside the window: it stays scheduled.
        let accepted = try await harness.submit()
        try await harness.wait(accepted.noticeId, for: .scheduled)
        let file = harness.cluster.directory.appendingPathComponent("notifier-1/notifier.sqlite")
        let queue = try DatabaseQueue(path: file.path)
        try await queue.write { db in try db.execute(sql: "UPDATE notice SET state = 'archived'") }
        do {
            _ = try await harness.status(accepted.noticeId)
            Issue.record("a notice with an unknown state answered a status")
        } catch BusError.rejected(let reply) {
            #expect(reply.code.rawValue == "notice_state_unknown")
        }
        await harness.shutdown()
    }
}

extension Result where Failure == LifecycleError {
    var refusal: LifecycleError? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
