import Foundation
import Runtime
import SongdalCrypto
import SongdalTesting
import Synchronization
import Testing

/// X-8 with the whole platform in process: at 19:00 KST (window closed, on the cluster's fake
/// clock) a sandbox key's notice is delivered at once, marked sandbox, never billed, and its
/// delivery certificate is refused as evidence (offline and online) unless sandbox is allowed;
/// a live notice submitted at the same moment is scheduled for the next window.
@Suite(.serialized)
struct SandboxWalkTests {
    @Test func sandboxNoticeOutsideTheWindow() async throws {
        let platform = try await PlatformFixture.start(tag: "sandbox")
        do {
            try await walk(platform)
        } catch {
            await platform.shutdown()
            throw error
        }
        await platform.shutdown()
    }

    private func walk(_ platform: PlatformFixture) async throws {
        let http = platform.http
        // The fixture's live notice went at 11:00 and is billed; wait for its send to be counted.
        let month = "2026-11"
        #expect(try await eventually(timeoutSeconds: 30, pollMilliseconds: 100) {
            InvoiceCounts(try await http.get("/v1/invoices/\(month)", key: platform.institutionKey).json).sends == 1
        })

        let created = try await http.postJSON("/v1/keys", ["scope": "institution", "institution": PlatformFixture.institution,
                                                           "sandbox": true], key: platform.operatorKey)
        try #require(created.status == 201, "\(created)")
        let sandboxKey = try #require(created.json["key"] as? String)
        #expect(sandboxKey.hasPrefix("sdk_test_"))

        platform.cluster.clock.set(KST.instant(LocalDate("2026-11-23")!, hour: 19))
        let body: [String: Any] = ["phone": TestDirectory.phone, "title": "샌드박스 고지", "coverText": "샌드박스 시험 발송입니다.",
                                   "documentId": platform.documentId]
        let sandbox = try await http.postJSON("/v1/notices", body, key: sandboxKey, headers: ["Idempotency-Key": "sandbox-1"])
        try #require(sandbox.status == 202, "\(sandbox)")
        let sandboxId = try #require(sandbox.json["noticeId"] as? String)
        let live = try await http.postJSON("/v1/notices", body, key: platform.institutionKey, headers: ["Idempotency-Key": "live-1"])
        try #require(live.status == 202, "\(live)")
        let liveId = try #require(live.json["noticeId"] as? String)

        // Sandbox: delivered now, outside the window, marked in every status answer.
        #expect(try await eventually(timeoutSeconds: 30) {
            try await http.get("/v1/notices/\(sandboxId)", key: sandboxKey).json["state"] as? String == "delivered"
        })
        let status = try await http.get("/v1/notices/\(sandboxId)", key: sandboxKey).json
        #expect(status["sandbox"] as? Bool == true)
        #expect(status["sentAt"] as? String == "2026-11-23T10:00:00Z")
        // Live: scheduled for the next window, Tuesday 10:00 KST.
        #expect(try await eventually(timeoutSeconds: 30) {
            try await http.get("/v1/notices/\(liveId)", key: platform.institutionKey).json["state"] as? String == "scheduled"
        })
        let liveStatus = try await http.get("/v1/notices/\(liveId)", key: platform.institutionKey).json
        #expect(liveStatus["scheduledAt"] as? String == "2026-11-24T01:00:00Z")
        #expect(liveStatus["sandbox"] == nil)

        // The certificate is a sandbox certificate: refused as evidence, accepted as sandbox.
        let keys = try OfflineCertificate.trustedKeys(try await http.get("/v1/vault/keys"))
        let issued = Mutex<OfflineCertificate?>(nil)
        #expect(try await eventually(timeoutSeconds: 30, pollMilliseconds: 200) {
            let reply = try await http.send(.post, "/v1/notices/\(sandboxId)/certificate", key: sandboxKey)
            guard reply.status == 201 else { return false }
            issued.withLock { $0 = try? OfflineCertificate(reply: reply) }
            return true
        })
        let certificate = try #require(issued.withLock { $0 })
        #expect(String(decoding: certificate.json, as: UTF8.self).contains(#""sandbox":true"#))
        let offline = certificate.verify(with: keys)
        #expect(offline.codes == ["sandbox_certificate"])
        #expect(offline.problems.first?.message == "sandbox certificate: not valid as evidence")
        #expect(offline.certificate?.notice?.noticeId == sandboxId)
        let online = try await http.get("/v1/certificates/\(certificate.serial)/verification")
        #expect(online.json["valid"] as? Bool == false)
        #expect(online.json["sandbox"] as? Bool == true)
        #expect(online.json["reason"] as? String == "sandbox certificate: not valid as evidence")
        let allowed = try await http.get("/v1/certificates/\(certificate.serial)/verification?allowSandbox=true")
        #expect(allowed.json["valid"] as? Bool == true, "\(allowed)")
        #expect(allowed.json["sandbox"] as? Bool == true)

        // Monday's window is over; Tuesday 10:00 the live notice goes and is billed. The sandbox
        // notice (sent earlier through the same outbox) and its certificate never are.
        platform.cluster.clock.set(KST.instant(LocalDate("2026-11-24")!, hour: 10))
        #expect(try await eventually(timeoutSeconds: 30) {
            try await http.get("/v1/notices/\(liveId)", key: platform.institutionKey).json["state"] as? String == "delivered"
        })
        #expect(try await eventually(timeoutSeconds: 30, pollMilliseconds: 100) {
            InvoiceCounts(try await http.get("/v1/invoices/\(month)", key: platform.institutionKey).json).sends == 2
        })
        try await Task.sleep(for: .milliseconds(500))
        let invoice = InvoiceCounts(try await http.get("/v1/invoices/\(month)", key: platform.institutionKey).json)
        #expect(invoice.sends == 2, "the fixture's and the live notice only: \(invoice.quantities)")
        #expect(invoice.quantities["vault.issuance.certificate"] == nil, "\(invoice.quantities)")

        // A sandbox key is refused where it would bill or reach people.
        let campaign = try await http.send(.post, "/v1/campaigns?name=x", key: sandboxKey, body: Array("ci\n".utf8),
                                           headers: ["Content-Type": "text/csv"])
        #expect(campaign.status == 403)
        #expect(campaign.json["code"] as? String == "sandbox_key_not_allowed")

        // Onboarding can hand out a sandbox key with the live one.
        let onboarded = try await http.postJSON("/v1/institutions", ["institution": "inst-sandbox-onboarded", "createSandboxKey": true],
                                                key: platform.operatorKey)
        #expect(onboarded.status == 201, "\(onboarded)")
        #expect((onboarded.json["sandboxKey"] as? String)?.hasPrefix("sdk_test_") == true)
        #expect((onboarded.json["apiKey"] as? String)?.hasPrefix("sdk_test_") == false)
    }
}
