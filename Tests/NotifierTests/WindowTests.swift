import Foundation
@testable import NotifierCore
import Schema
import SongdalTesting
import Testing

/// NO-4: the sending window at dispatch time, on every attempt.
@Suite(.serialized) struct WindowTests {
    @Test func fridayOneSecondBeforeSixGoesAtOnce() async throws {
        let harness = try await Harness.start(at: kst("2026-11-27", 17, 59, 59))
        let accepted = try await harness.submit()
        let status = try await harness.wait(accepted.noticeId, for: .delivered)
        #expect(status.state == .delivered)
        #expect(status.sentAt == kst("2026-11-27", 17, 59, 59))
        await harness.shutdown()
    }

    @Test func fridaySixOClockWaitsForMondayTen() async throws {
        let harness = try await Harness.start(at: kst("2026-11-27", 18))
        let accepted = try await harness.submit()
        let scheduled = try await harness.wait(accepted.noticeId, for: .scheduled)
        #expect(scheduled.state == .scheduled)
        #expect(scheduled.scheduledAt == kst("2026-11-30", 10))
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await harness.inbox("01012345678").isEmpty)
        harness.cluster.clock.set(kst("2026-11-30", 10))
        let sent = try await harness.wait(accepted.noticeId, for: .delivered)
        #expect(sent.sentAt == kst("2026-11-30", 10))
        await harness.shutdown()
    }

    /// Chuseok 2026 is Thu 09-24 to Sat 09-26 (data/holidays-kr.json): the eve's evening and the
    /// Friday of Chuseok itself both wait for Monday 09-28 10:00.
    @Test func chuseokWaitsForTheNextBusinessDay() async throws {
        let harness = try await Harness.start(at: kst("2026-09-23", 18, 30))
        let eve = try await harness.submit()
        #expect(try await harness.wait(eve.noticeId, for: .scheduled).scheduledAt == kst("2026-09-28", 10))
        harness.cluster.clock.set(kst("2026-09-25", 11))
        let friday = try await harness.submit(phone: "010-2222-3333")
        #expect(try await harness.wait(friday.noticeId, for: .scheduled).scheduledAt == kst("2026-09-28", 10))
        await harness.shutdown()
    }

    @Test func aRetryThatFallsOutsideTheWindowWaits() async throws {
        let harness = try await Harness.start(at: kst("2026-11-27", 17, 59, 30))
        for carrier in ["sim-kt", "sim-skt", "sim-lgu"] { harness.network.configure(carrier) { $0.down = true } }
        let accepted = try await harness.submit()
        _ = try await eventually { try await harness.status(accepted.noticeId).attempts == 1 }
        let retrying = try await harness.wait(accepted.noticeId, for: .scheduled)
        #expect(retrying.scheduledAt == kst("2026-11-27", 18, 0, 30))
        for carrier in ["sim-kt", "sim-skt", "sim-lgu"] { harness.network.configure(carrier) { $0.down = false } }
        harness.cluster.clock.set(kst("2026-11-27", 18, 0, 30))
        _ = try await eventually { try await harness.status(accepted.noticeId).scheduledAt == kst("2026-11-30", 10) }
        let waiting = try await harness.status(accepted.noticeId)
        #expect(waiting.state == .scheduled)
        #expect(waiting.scheduledAt == kst("2026-11-30", 10))
        #expect(try await harness.inbox("01012345678").isEmpty)
        harness.cluster.clock.set(kst("2026-11-30", 10))
        let sent = try await harness.wait(accepted.noticeId, for: .delivered)
        #expect(sent.attempts == 2)
        let timeline = try await harness.client.request(NoticeTimelineQuery(noticeId: accepted.noticeId, institution: "kb"))
        #expect(timeline.entries.contains { $0.event == "retry" })
        await harness.shutdown()
    }
}
