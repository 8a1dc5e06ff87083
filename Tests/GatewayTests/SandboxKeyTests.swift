import Foundation
@testable import GatewayCore
import Schema
import Testing

/// X-8 at the gateway: sandbox keys are recognisable, mark every notice they send, and are
/// refused on routes that would bill or reach the outside world.
@Suite struct SandboxKeyTests {
    @Test func sandboxKeysAreRecognisableAndInstitutionOnly() async throws {
        let harness = try await GatewayHarness(services: ["billing"])
        try await harness.withClient { client in
            let created = try await client.send(.post, "/v1/keys", key: harness.operatorKey,
                                                body: #"{"scope":"institution","institution":"inst-a","sandbox":true}"#)
            #expect(created.status == .created)
            let json = try created.json()
            let key = try #require(json["key"] as? String)
            #expect(key.hasPrefix("sdk_test_"))
            #expect((json["keyId"] as? String)?.hasPrefix("gk_test_") == true)
            #expect(json["sandbox"] as? Bool == true)
            let principal = try #require(try harness.handle.server?.keys.principal(for: key))
            #expect(principal.sandbox)
            #expect(principal.keyId == json["keyId"] as? String)
            #expect(try harness.handle.server?.keys.principal(for: harness.institutionA)?.sandbox == false)

            let operatorSandbox = try await client.send(.post, "/v1/keys", key: harness.operatorKey, body: #"{"scope":"operator","sandbox":true}"#)
            #expect(operatorSandbox.status == .unprocessableContent)
            #expect(operatorSandbox.problemCode == "sandbox_not_allowed")

            // Onboarding with createSandboxKey (needs real billing) is in SystemTests.SandboxWalkTests.
        }
        await harness.shutdown()
    }

    @Test func aSandboxKeySubmitsSandboxNoticesAndNothingBillable() async throws {
        let harness = try await GatewayHarness()
        let sandbox = try harness.handle.createKey(institution: "inst-a", scope: .institution, sandbox: true)
        try await harness.withClient { client in
            let body = #"{"phone":"010-1234-5678","title":"t","coverText":"c","documentId":"\#(FakeServices.documentA)"}"#
            let accepted = try await client.send(.post, "/v1/notices", key: sandbox, body: body, headers: ["Idempotency-Key": "sb-1"])
            #expect(accepted.status == .accepted)
            let live = try await client.send(.post, "/v1/notices", key: harness.institutionA, body: body, headers: ["Idempotency-Key": "live-1"])
            #expect(live.status == .accepted)
            let submitted = harness.log.submissions.withLock { $0 }
            #expect(submitted.map(\.sandbox) == [true, false])
            #expect(try await client.send(.get, "/v1/notices/\(FakeServices.noticeA)", key: sandbox).status == .ok)

            // Campaigns and document certificates would bill or reach real people: refused.
            let campaign = try await client.send(.post, "/v1/campaigns?name=x", key: sandbox, body: "ci\n", headers: ["Content-Type": "text/csv"])
            #expect(campaign.status == .forbidden)
            #expect(campaign.problemCode == "sandbox_key_not_allowed")
            let certificate = try await client.send(.post, "/v1/documents/\(FakeServices.documentA)/certificates", key: sandbox,
                                                    body: #"{"kind":"original","purpose":"x"}"#)
            #expect(certificate.problemCode == "sandbox_key_not_allowed")
        }
        await harness.shutdown()
    }
}
