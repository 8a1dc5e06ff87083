import Foundation
@testable import NotifierCore
import Schema
import SongdalTesting
import Testing

/// NO-6: 24 h after sending if unread, 24 h before the deadline; at most one of each; in the window; none once read.
@Suite(.serialized) struct ReminderTests {
    func reminders(_ harness: Harness, _ phone: String) async throws -> Int {
        try await harness.inbox(phone).filter { $0.text.contains("미열람 알림") }.count
    }

    @Test func bothRemindersOnceEach() async throws {
        let harness = try await Harness.start(at: kst("2026-11-23", 11))
        let accepted = try await harness.submit(phone: "010-7777-0001", deadline: kst("2026-11-26", 11))
        try await harness.wait(accepted.noticeId, for: .delivered)
        harness.cluster.clock.set(kst("2026-11-24", 10, 59))
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await reminders(harness, "01077770001") == 0)
        harness.cluster.clock.set(kst("2026-11-24", 11))
        #expect(try await eventually { try await reminders(harness, "01077770001") == 1 })
        harness.cluster.clock.set(kst("2026-11-25", 11))
        #expect(try await eventually { try await reminders(harness, "01077770001") == 2 })
        harness.cluster.clock.set(kst("2026-11-25", 15))
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await reminders(harness, "01077770001") == 2)
        #expect(try await harness.status(accepted.noticeId).reminders.sorted() == ["after_sending", "before_deadline"])
        harness.cluster.clock.set(kst("2026-11-26", 11))
        #expect(try await harness.wait(accepted.noticeId, for: .expired).state == .expired)
        await harness.shutdown()
    }

    @Test func reminderDueAtNightWaitsForTheWindow() async throws {
        let harness = try await Harness.start(at: kst("2026-11-23", 17, 30))
        let accepted = try await harness.submit(phone: "010-7777-0002")
        try await harness.wait(accepted.noticeId, for: .delivered)
        harness.cluster.clock.set(kst("2026-11-24", 18, 30))
        _ = try await eventually { try await harness.status(accepted.noticeId).reminders == ["after_sending"] }
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await reminders(harness, "01077770002") == 0)
        harness.cluster.clock.set(kst("2026-11-25", 10))
        #expect(try await eventually { try await reminders(harness, "01077770002") == 1 })
        await harness.shutdown()
    }

    @Test func noReminderOnceRead() async throws {
        let harness = try await Harness.start(at: kst("2026-11-23", 11))
        let accepted = try await harness.submit(phone: "010-7777-0003")
        try await harness.wait(accepted.noticeId, for: .delivered)
        let link = try await harness.inbox("01077770003").first?.link
        let tokenText = token(of: link)
        _ = try await harness.client.request(RequestOTP(token: tokenText))
        let code = try await otpCode(harness, phone: "01077770003")
        let session = try #require(try await harness.client.request(VerifyOTP(token: tokenText, code: code)).sessionId)
        _ = try await harness.client.request(ConsentToTerms(token: tokenText, sessionId: session, termsVersion: "2026-1", agreed: true))
        _ = try await harness.client.request(ViewNotice(token: tokenText, sessionId: session))
        harness.cluster.clock.set(kst("2026-11-24", 12))
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await reminders(harness, "01077770003") == 0)
        #expect(try await harness.status(accepted.noticeId).state == .read)
        await harness.shutdown()
    }
}
