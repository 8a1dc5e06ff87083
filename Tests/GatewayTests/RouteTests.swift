import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import GatewayCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The happy paths: each route reaches its service and answers in the documented shape.
@Suite(.serialized) struct RouteTests {
    @Test func uploadIsStreamedToTheVaultAndStagingIsCleaned() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            let title = "자동차세 고지".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? ""
            let response = try await client.send(.post, "/v1/documents?fileName=a.pdf&kind=pdf&title=\(title)&keywords=세금,11월",
                                                 key: harness.institutionA, bytes: Array("%PDF-1.4 hello".utf8))
            #expect(response.status == .created)
            let body = try response.json()
            #expect(body["documentId"] as? String == "1.2.410.200032.9.new")
            #expect(body["size"] as? Int == 14)
            #expect(response.headers[.location] == "/v1/documents/1.2.410.200032.9.new")

            let download = try await client.send(.get, "/v1/documents/\(FakeServices.documentA)/content", key: harness.institutionA)
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition]?.contains("filename*=UTF-8''%EA%B3%A0") == true)

            let certificate = try await client.send(.post, "/v1/documents/\(FakeServices.documentA)/certificates", key: harness.institutionA,
                                                    body: #"{"kind":"original","requester":"법무팀","purpose":"court"}"#)
            #expect(certificate.status == .created)
            #expect(try certificate.json()["serial"] as? String == "abcd")

            let verification = try await client.send(.get, "/v1/certificates/abcd/verification")
            #expect(try verification.json()["valid"] as? Bool == true)
        }
        let staged = try FileManager.default.contentsOfDirectory(atPath: harness.cluster.directory.appendingPathComponent("gateway-1/staging").path)
        #expect(staged.isEmpty)
        await harness.shutdown()
    }

    @Test func noticesHonourTheIdempotencyKey() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            let body = #"{"phone":"010-1234-5678","title":"고지","coverText":"안내","documentId":"1.2.410.200032.9.aaaa"}"#
            let first = try await client.send(.post, "/v1/notices", key: harness.institutionA, body: body, headers: ["Idempotency-Key": "k-1"])
            #expect(first.status == .accepted)
            #expect(try first.json()["noticeId"] as? String == FakeServices.noticeA)
            let replay = try await client.send(.post, "/v1/notices", key: harness.institutionA, body: body, headers: ["Idempotency-Key": "k-1"])
            #expect(replay.status == .ok)
            #expect(try replay.json()["replayed"] as? Bool == true)
            let conflict = try await client.send(.post, "/v1/notices", key: harness.institutionA,
                                                 body: body.replacingOccurrences(of: "고지", with: "다른"), headers: ["Idempotency-Key": "k-1"])
            #expect(conflict.status == .conflict)
            #expect(conflict.problemCode == "idempotency_conflict")
            let badKey = try await client.send(.post, "/v1/notices", key: harness.institutionA, body: body, headers: ["Idempotency-Key": "한글"])
            #expect(badKey.problemCode == "invalid_idempotency_key")

            let status = try await client.send(.get, "/v1/notices/\(FakeServices.noticeA)", key: harness.institutionA)
            #expect(try status.json()["state"] as? String == "read")
            let timeline = try await client.send(.get, "/v1/notices/\(FakeServices.noticeA)/timeline", key: harness.institutionA)
            #expect(timeline.status == .ok)
            let certificate = try await client.send(.post, "/v1/notices/\(FakeServices.noticeA)/certificate", key: harness.institutionA)
            #expect(certificate.status == .created)
            #expect(try certificate.json()["kind"] as? String == "delivery")
        }
        let submitted = harness.log.submissions.withLock { $0 }
        #expect(submitted.count == 1)
        #expect(submitted.first?.institution == "inst-a", "the institution comes from the key, never the body")
        await harness.shutdown()
    }

    @Test func campaignsUploadControlAndList() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            let started = try await client.send(.post, "/v1/campaigns?name=지방세&title=고지&documentId=d",
                                                key: harness.institutionA, body: "phone\n01012345678\n\"010-1234-5679\"\n")
            #expect(started.status == .accepted)
            #expect(try started.json()["campaignId"] as? String == "camp-1")
            let progress = try await client.send(.get, "/v1/campaigns/camp-1", key: harness.institutionA)
            #expect(try progress.json()["accepted"] as? Int == 8)
            for (action, state) in [("pause", "paused"), ("resume", "running"), ("cancel", "cancelled")] {
                let response = try await client.send(.post, "/v1/campaigns/camp-1/\(action)", key: harness.institutionA)
                #expect(try response.json()["state"] as? String == state)
            }
            let list = try await client.send(.get, "/v1/campaigns", key: harness.institutionA)
            #expect(list.text.contains("camp-1"))
            let otherList = try await client.send(.get, "/v1/campaigns", key: harness.institutionB)
            #expect(!otherList.text.contains("camp-1"))
        }
        await harness.shutdown()
    }

    @Test func invoicesComeInThreeFormats() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            let csv = try await client.send(.get, "/v1/invoices/2026-10?format=csv", key: harness.institutionA)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.hasPrefix("item,amount"))
            let html = try await client.send(.get, "/v1/invoices/2026-10", key: harness.institutionA, headers: ["Accept": "text/html"])
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            let json = try await client.send(.get, "/v1/invoices/2026-10", key: harness.institutionA)
            #expect(json.headers[.contentType] == "application/json")
            #expect(try await client.send(.get, "/v1/usage/2026-10", key: harness.institutionA).status == .ok)
            #expect(try await client.send(.get, "/v1/mileage?limit=5", key: harness.institutionA).status == .ok)
        }
        await harness.shutdown()
    }

    @Test func operatorAndGuaranteeRoutesReachTheirServices() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            let sync = try await client.send(.post, "/v1/subscribers/sync?mode=full&carrier=kt", key: harness.operatorKey,
                                             body: "ci,carrier,phone\nabc,KT,01012345678\n")
            #expect(sync.status == .accepted)
            #expect(sync.headers[.location] == "/v1/subscribers/sync/job-1")
            let job = try await client.send(.get, "/v1/subscribers/sync/job-1", key: harness.auditorKey)
            #expect(try job.json()["state"] as? String == "finished")

            let imported = try await client.send(.post, "/v1/guarantees/import", key: harness.institutionA,
                                                 body: "guarantee_no,kind\nG1,계약\nG2,\"지급, 보증\"\n")
            #expect(try imported.json()["accepted"] as? Int == 2)
            let optOut = try await client.send(.put, "/v1/members/1234567890/opt-out", key: harness.operatorKey, body: #"{"optedOut":true}"#)
            #expect(try optOut.json()["changed"] as? Bool == true)
            let preview = try await client.send(.get, "/v1/guarantees/runs/preview?asOf=2026-11-23", key: harness.institutionA)
            #expect(try preview.json()["dryRun"] as? Bool == true)
            let providers = try await client.send(.get, "/v1/providers", key: harness.auditorKey)
            #expect(providers.text.contains("sim-kt"))
        }
        await harness.shutdown()
    }

    @Test func healthAndMetrics() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            let health = try await client.send(.get, "/healthz")
            #expect(health.status == .ok, "\(health.text)")
            let body = try health.json()
            #expect(body["status"] as? String == "ok")
            #expect((body["services"] as? [String: Any])?.count == 5)
            _ = try await client.send(.get, "/v1/mileage", key: harness.institutionA)
            let metrics = try await client.send(.get, "/metrics")
            #expect(metrics.text.contains("songdal_gateway_requests_total"))
            #expect(metrics.text.contains("route=\"/v1/mileage\""))
            #expect(metrics.text.contains("songdal_gateway_bus_round_trip_seconds"))
            #expect(metrics.text.contains("songdal_gateway_outbox_depth"))
        }
        await harness.shutdown()
    }

    @Test func healthShowsAServiceThatIsDown() async throws {
        var configuration = GatewayHarness.testConfiguration()
        configuration.healthTimeoutMilliseconds = 200
        let harness = try await GatewayHarness(configuration: configuration, services: ["vault", "billing", "identity", "reminder"])
        try await harness.withClient { client in
            let health = try await client.send(.get, "/healthz")
            #expect(health.status == .serviceUnavailable)
            let services = try #require(try health.json()["services"] as? [String: [String: Any]])
            #expect(services["notifier"]?["status"] as? String == "down")
            #expect(services["vault"]?["status"] as? String == "ok")
        }
        await harness.shutdown()
    }

    @Test func theServerListensOnTheBoundPort() async throws {
        let harness = try await GatewayHarness(services: [])
        let port = try await harness.handle.port()
        #expect(port > 0)
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/openapi.yaml")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).hasPrefix("openapi: 3.1.0"))
        await harness.shutdown()
    }
}
