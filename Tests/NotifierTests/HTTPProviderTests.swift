import Bus
import Foundation
@testable import NotifierCore
import Schema
import SongdalTesting
import Testing

/// The HTTP provider against a loopback receiver; the 72 h timeout; a receipt after a final state.
@Suite(.serialized) struct HTTPProviderTests {
    @Test func postsJSONFallsBackOn4xxAndTimesOutWithoutReceipt() async throws {
        let receiver = try LoopbackReceiver { request in
            let body = (try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any]
            if body?["channel"] as? String == "RCS" { return (404, "{}") }
            return (202, "{\"status\":\"accepted\"}")
        }
        defer { receiver.stop() }
        let harness = try await Harness.start(settings: ["providers": "http", "http-provider-url": "http://127.0.0.1:\(receiver.port)/send"])
        let accepted = try await harness.submit(phone: "010-6000-0001")
        let sent = try await harness.wait(accepted.noticeId, for: .sent)
        #expect(sent.channel == .mms)
        let posts = receiver.received
        #expect(posts.count == 2)
        let last = try #require(posts.last)
        let json = try #require(try JSONSerialization.jsonObject(with: last.body) as? [String: Any])
        #expect(json["phone"] as? String == "01060000001")
        #expect(json["channel"] as? String == "MMS")
        #expect((json["link"] as? String)?.hasPrefix("https://s.kr/r/") == true)
        #expect(last.headers["idempotency-key"] == accepted.noticeId)

        harness.cluster.clock.advance(by: 72 * 3600)
        let failed = try await harness.wait(accepted.noticeId, for: .failed)
        #expect(failed.reason == "timeout")
        try await harness.client.write { db, outbox in
            try outbox.send(DeliveryReceipt(noticeId: accepted.noticeId, provider: "http", status: .delivered, at: harness.cluster.clock.now), in: db)
        }
        _ = try await eventually {
            try await harness.client.request(NoticeTimelineQuery(noticeId: accepted.noticeId, institution: "kb")).entries
                .contains { $0.event == "refused" && $0.detail?.contains("already failed") == true }
        }
        #expect(try await harness.status(accepted.noticeId).state == .failed)
        await harness.shutdown()
    }

    @Test func receiptMarksDelivered() async throws {
        let receiver = try LoopbackReceiver { _ in (200, "{\"status\":\"accepted\"}") }
        defer { receiver.stop() }
        let harness = try await Harness.start(settings: ["providers": "http", "http-provider-url": "http://127.0.0.1:\(receiver.port)/send"])
        let accepted = try await harness.submit(phone: "010-6000-0002")
        try await harness.wait(accepted.noticeId, for: .sent)
        try await harness.client.write { db, outbox in
            try outbox.send(DeliveryReceipt(noticeId: accepted.noticeId, provider: "http", status: .delivered, at: harness.cluster.clock.now), in: db)
        }
        #expect(try await harness.wait(accepted.noticeId, for: .delivered).state == .delivered)
        _ = try await eventually { harness.peers.evidenceCount(accepted.noticeId, .delivered) == 1 }
        #expect(harness.peers.evidenceCount(accepted.noticeId, .delivered) == 1)
        await harness.shutdown()
    }
}
