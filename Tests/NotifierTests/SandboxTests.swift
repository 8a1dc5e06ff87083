import Bus
import Foundation
@testable import NotifierCore
import Schema
import SongdalTesting
import Testing

/// notices sent with a sandbox key go to the simulated carriers only, ignore the sending
/// window, are never billed, and are marked in status and evidence; live notices obey NO-4.
@Suite(.serialized) struct SandboxTests {
    func submit(_ harness: Harness, phone: String, sandbox: Bool) async throws -> NoticeAccepted {
        try await harness.client.request(SubmitNotice(institution: "kb", phone: phone, title: "세금 안내",
                                                      coverText: "지방세 고지서가 도착했습니다.", documentId: "doc-1", sandbox: sandbox))
    }

    /// Friday 18:00 KST (window closed): the sandbox notice goes at once, is read, and nothing of
    /// it is billed; the live one submitted at the same moment waits for Monday 10:00.
    @Test func sandboxGoesOutsideTheWindowUnbilledAndMarked() async throws {
        let harness = try await Harness.start(at: kst("2026-11-27", 18))
        let sandbox = try await submit(harness, phone: "010-7000-0001", sandbox: true)
        let live = try await submit(harness, phone: "010-7000-0002", sandbox: false)

        let delivered = try await harness.wait(sandbox.noticeId, for: .delivered)
        #expect(delivered.sandbox)
        #expect(delivered.sentAt == kst("2026-11-27", 18))
        let scheduled = try await harness.wait(live.noticeId, for: .scheduled)
        #expect(!scheduled.sandbox)
        #expect(scheduled.scheduledAt == kst("2026-11-30", 10))
        #expect(try await harness.inbox("01070000002").isEmpty)

        // The recipient reads it, still outside the window: the code goes (simulated), the read counts.
        let link = try #require(try await harness.inbox("01070000001").first { $0.link != nil }?.link)
        _ = try await harness.client.request(RequestOTP(token: token(of: link)))
        let code = try await otpCode(harness, phone: "01070000001")
        let session = try #require(try await harness.client.request(VerifyOTP(token: token(of: link), code: code)).sessionId)
        _ = try await harness.client.request(ConsentToTerms(token: token(of: link), sessionId: session, termsVersion: "2026-1", agreed: true))
        let view = try await harness.client.request(ViewNotice(token: token(of: link), sessionId: session))
        #expect(view.firstView)
        let read = try await harness.wait(sandbox.noticeId, for: .read)
        #expect(read.sandbox)

        _ = try await eventually { harness.peers.evidenceCount(sandbox.noticeId, .read) == 1 }
        #expect(harness.peers.evidenceCount(sandbox.noticeId, .delivered) == 1)
        #expect(harness.peers.evidenceIsSandbox(sandbox.noticeId, .delivered))
        #expect(harness.peers.evidenceIsSandbox(sandbox.noticeId, .read))
        // Billing never hears of it (the outbox has delivered the evidence, sent with the usage it would be).
        #expect(!harness.peers.usageEventIds.contains { $0.hasSuffix(sandbox.noticeId) }, "\(harness.peers.usageEventIds)")

        // The live notice goes on Monday at 10:00 and is billed then, its evidence unmarked.
        harness.cluster.clock.set(kst("2026-11-30", 10))
        let sent = try await harness.wait(live.noticeId, for: .delivered)
        #expect(sent.sentAt == kst("2026-11-30", 10))
        _ = try await eventually { harness.peers.usageCount("notice.sent:\(live.noticeId)") == 1 }
        #expect(harness.peers.usageCount("notice.sent:\(live.noticeId)") == 1)
        #expect(!harness.peers.evidenceIsSandbox(live.noticeId, .delivered))
        // Still nothing for the sandbox notice once later usage has gone through the same outbox.
        #expect(!harness.peers.usageEventIds.contains { $0.hasSuffix(sandbox.noticeId) }, "\(harness.peers.usageEventIds)")
        await harness.shutdown()
    }

    /// With only the HTTP provider configured, a sandbox notice still goes to the simulator and
    /// the HTTP provider never hears of it (nor of its code).
    @Test func sandboxNeverReachesTheHTTPProvider() async throws {
        let receiver = try LoopbackReceiver { _ in (202, "{\"status\":\"accepted\"}") }
        defer { receiver.stop() }
        let harness = try await Harness.start(settings: ["providers": "http", "http-provider-url": "http://127.0.0.1:\(receiver.port)/send"])
        let sandbox = try await submit(harness, phone: "010-7000-0003", sandbox: true)
        let delivered = try await harness.wait(sandbox.noticeId, for: .delivered)
        #expect(delivered.sandbox)
        let link = try #require(try await harness.inbox("01070000003").first { $0.link != nil }?.link)
        _ = try await harness.client.request(RequestOTP(token: token(of: link)))
        #expect(try await otpCode(harness, phone: "01070000003").count == 6)
        #expect(receiver.received.isEmpty, "the HTTP provider got \(receiver.received.count) requests")

        let live = try await submit(harness, phone: "010-7000-0004", sandbox: false)
        try await harness.wait(live.noticeId, for: .sent)
        #expect(receiver.received.count == 1, "a live notice does use it")
        await harness.shutdown()
    }

    /// An idempotency key reused across sandbox and live is a different body.
    @Test func sandboxAndLiveBodiesDiffer() async throws {
        let harness = try await Harness.start()
        let body = SubmitNotice(institution: "kb", phone: "010-7000-0005", title: "t", coverText: "c", documentId: "doc-1",
                                idempotencyKey: "same")
        var sandbox = body
        sandbox.sandbox = true
        _ = try await harness.client.request(sandbox)
        await #expect(throws: BusError.self) { try await harness.client.request(body) }
        await harness.shutdown()
    }
}
