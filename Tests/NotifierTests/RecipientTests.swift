import Bus
import Foundation
@testable import NotifierCore
import Schema
import SongdalTesting
import Testing

/// NO-5: token → OTP → consent → view; read recorded and billed once.
@Suite(.serialized) struct RecipientTests {
    /// Delivers a notice to `phone`; returns its id and link token.
    func delivered(_ harness: Harness, phone: String) async throws -> (id: String, token: String) {
        let accepted = try await harness.submit(phone: phone)
        try await harness.wait(accepted.noticeId, for: .delivered)
        let digits = phone.filter(\.isNumber)
        let link = try await harness.inbox(digits).first { $0.link != nil }?.link
        return (accepted.noticeId, token(of: link))
    }

    func code(_ harness: Harness, phone: String) async throws -> String { try await otpCode(harness, phone: phone) }

    @Test func fiveWrongCodesLock() async throws {
        let harness = try await Harness.start()
        let notice = try await delivered(harness, phone: "010-5555-0001")
        let cover = try await harness.client.request(OpenNotice(token: notice.token))
        #expect(cover.recipientMasked == "010-****-0001")
        #expect(cover.title == "세금 안내")
        _ = try await harness.client.request(RequestOTP(token: notice.token))
        let code = try await code(harness, phone: "01055550001")
        let wrong = code == "000000" ? "111111" : "000000"
        var remaining: [Int] = []
        for _ in 0..<5 { remaining.append(try await harness.client.request(VerifyOTP(token: notice.token, code: wrong)).remainingTries) }
        #expect(remaining == [4, 3, 2, 1, 0])
        let locked = try await harness.client.request(VerifyOTP(token: notice.token, code: code))
        #expect(locked.outcome == .locked)
        #expect(locked.sessionId == nil)
        await #expect(throws: BusError.self) { try await harness.client.request(RequestOTP(token: notice.token)) }
        await harness.shutdown()
    }

    @Test func expiredCodeIsRejected() async throws {
        let harness = try await Harness.start()
        let notice = try await delivered(harness, phone: "010-5555-0002")
        _ = try await harness.client.request(RequestOTP(token: notice.token))
        let code = try await code(harness, phone: "01055550002")
        harness.cluster.clock.advance(by: 181)
        let check = try await harness.client.request(VerifyOTP(token: notice.token, code: code))
        #expect(check.outcome == .expired)
        await harness.shutdown()
    }

    @Test func tokenOrSessionOfAnotherNoticeIsRejected() async throws {
        let harness = try await Harness.start()
        let first = try await delivered(harness, phone: "010-5555-0003")
        let second = try await delivered(harness, phone: "010-5555-0004")
        _ = try await harness.client.request(RequestOTP(token: first.token))
        let code = try await code(harness, phone: "01055550003")
        let session = try #require(try await harness.client.request(VerifyOTP(token: first.token, code: code)).sessionId)
        do {
            _ = try await harness.client.request(ConsentToTerms(token: second.token, sessionId: session, termsVersion: "2026-1", agreed: true))
            Issue.record("a session of another notice was accepted")
        } catch BusError.rejected(let reply) {
            #expect(reply.code == .sessionInvalid)
        }
        let forged = first.id + "." + second.token.split(separator: ".").last!
        do {
            _ = try await harness.client.request(OpenNotice(token: forged))
            Issue.record("a forged token opened a notice")
        } catch BusError.rejected(let reply) {
            #expect(reply.code == .tokenInvalid)
        }
        await harness.shutdown()
    }

    @Test func firstViewRecordsReadOnceAndBillsOnce() async throws {
        let harness = try await Harness.start()
        let notice = try await delivered(harness, phone: "010-5555-0005")
        _ = try await harness.client.request(RequestOTP(token: notice.token))
        let code = try await code(harness, phone: "01055550005")
        let check = try await harness.client.request(VerifyOTP(token: notice.token, code: code))
        #expect(check.outcome == .verified)
        let session = try #require(check.sessionId)
        do {
            _ = try await harness.client.request(ViewNotice(token: notice.token, sessionId: session))
            Issue.record("viewed without consent")
        } catch BusError.rejected(let reply) {
            #expect(reply.code == .consentRequired)
        }
        _ = try await harness.client.request(ConsentToTerms(token: notice.token, sessionId: session, termsVersion: "2026-1", agreed: true))
        let first = try await harness.client.request(ViewNotice(token: notice.token, sessionId: session))
        harness.cluster.clock.advance(by: 60)
        let second = try await harness.client.request(ViewNotice(token: notice.token, sessionId: session))
        #expect(first.firstView && !second.firstView)
        #expect(first.readAt == second.readAt)
        #expect(first.reader.grantId != nil && first.documentId == "doc-1")
        let status = try await harness.status(notice.id)
        #expect(status.state == .read)
        _ = try await eventually { harness.peers.usageCount("notice.read:\(notice.id)") == 1 && harness.peers.evidenceCount(notice.id, .read) == 1 }
        try await Task.sleep(for: .milliseconds(300))
        #expect(harness.peers.usageCount("notice.read:\(notice.id)") == 1)
        #expect(harness.peers.usageCount("notice.sent:\(notice.id)") == 1)
        #expect(harness.peers.evidenceCount(notice.id, .read) == 1)
        #expect(harness.peers.evidenceCount(notice.id, .delivered) == 1)
        await harness.shutdown()
    }
}
