import Foundation
@testable import NotifierCore
import Schema
import SongdalTesting
import Testing

/// NO-3, NO-9, NO-10: fallback between channels, failover between providers, recovery.
@Suite(.serialized) struct ChannelTests {
    @Test func rcsRefusedFallsBackToMMS() async throws {
        let harness = try await Harness.start()
        for carrier in ["sim-kt", "sim-skt", "sim-lgu"] { harness.network.configure(carrier) { $0.rejectChannels = [.rcs] } }
        let accepted = try await harness.submit()
        let status = try await harness.wait(accepted.noticeId, for: .delivered)
        #expect(status.channel == .mms)
        let inbox = try await harness.inbox("01012345678")
        #expect(inbox.map(\.channel) == [.mms])
        #expect(inbox.first?.subject == "세금 안내")
        let timeline = try await harness.client.request(NoticeTimelineQuery(noticeId: accepted.noticeId, institution: "kb"))
        #expect(timeline.entries.contains { $0.detail?.hasPrefix("fallback from RCS") == true })
        await harness.shutdown()
    }

    @Test func kakaoRefusedFallsBackToSMSOrLMSBySize() async throws {
        let harness = try await Harness.start()
        harness.network.configure("sim-kakao") { $0.rejectChannels = [.kakao] }
        let short = try await harness.submit(phone: "010-1111-0001", title: "세금 안내", channel: .kakao, template: "TPL-1")
        let long = try await harness.submit(phone: "010-1111-0002", title: "재산세 및 지방교육세 납부 고지 안내", channel: .kakao, template: "TPL-1")
        #expect(try await harness.wait(short.noticeId, for: .delivered).channel == .sms)
        let longStatus = try await harness.wait(long.noticeId, for: .delivered)
        #expect(longStatus.channel == .lms, "\(longStatus)")
        let sms = try await harness.inbox("01011110001")
        #expect(sms.count == 1 && EUCKR.byteCount(sms[0].text) <= 90)
        await harness.shutdown()
    }

    @Test func kakaoWorkingIsUsed() async throws {
        let harness = try await Harness.start()
        let accepted = try await harness.submit(channel: .kakao, template: "TPL-1")
        #expect(try await harness.wait(accepted.noticeId, for: .delivered).channel == .kakao)
        await harness.shutdown()
    }

    @Test func outageFailsOverAndRecovers() async throws {
        let harness = try await Harness.start()
        harness.network.configure("sim-kt") { $0.down = true }
        var ids: [String] = []
        for n in 0..<4 { ids.append(try await harness.submit(phone: "010-3000-000\(n)").noticeId) }
        for id in ids { #expect(try await harness.wait(id, for: .delivered).state == .delivered) }
        let down = try await harness.client.request(ProviderHealthQuery())
        let kt = try #require(down.providers.first { $0.name == "sim-kt" })
        #expect(!kt.up)
        #expect(kt.lastSwitch?.reason.contains("consecutive errors: outage") == true)
        #expect(try await harness.inbox("01030000003").first?.provider == "sim-skt")
        harness.network.configure("sim-kt") { $0.down = false }
        harness.cluster.clock.advance(by: 31)
        let after = try await harness.submit(phone: "010-3000-0009")
        #expect(try await harness.wait(after.noticeId, for: .delivered).state == .delivered)
        let up = try await harness.client.request(ProviderHealthQuery())
        #expect(up.providers.first { $0.name == "sim-kt" }?.up == true)
        #expect(up.switches.map(\.to) == ["down", "up"])
        #expect(up.switches.last?.reason == "probe succeeded")
        #expect(try await harness.inbox("01030000009").first?.provider == "sim-kt")
        await harness.shutdown()
    }

    @Test func euckrCountsHangulAsTwoBytes() {
        #expect(EUCKR.byteCount("abc") == 3)
        #expect(EUCKR.byteCount("가나다") == 6)
        #expect(EUCKR.byteCount("세금 안내") == 9)
    }
}
