import Foundation
@testable import GatewayCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Schema
import Testing

/// Authentication, scopes, tenant isolation and the rate limit.
@Suite(.serialized) struct SecurityTests {
    @Test func missingInvalidAndWrongScopeKeysAreProblems() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            let missing = try await client.send(.get, "/v1/documents/\(FakeServices.documentA)")
            #expect(missing.status == .unauthorized)
            #expect(missing.problemCode == "missing_api_key")
            #expect(missing.headers[.wwwAuthenticate] != nil)

            let invalid = try await client.send(.get, "/v1/documents/\(FakeServices.documentA)", key: "sdk_0000_ffff")
            #expect(invalid.status == .unauthorized)
            #expect(invalid.problemCode == "invalid_api_key")

            let garbage = try await client.send(.get, "/v1/mileage", headers: ["Authorization": "Basic abc"])
            #expect(garbage.problemCode == "missing_api_key")

            let operatorOnInstitutionRoute = try await client.send(.get, "/v1/mileage", key: harness.operatorKey)
            #expect(operatorOnInstitutionRoute.status == .forbidden)
            #expect(operatorOnInstitutionRoute.problemCode == "insufficient_scope")

            let institutionOnOperatorRoute = try await client.send(.post, "/v1/keys", key: harness.institutionA, body: #"{"scope":"operator"}"#)
            #expect(institutionOnOperatorRoute.problemCode == "insufficient_scope")

            let auditorCannotWrite = try await client.send(.post, "/v1/consents", key: harness.auditorKey, body: "{}")
            #expect(auditorCannotWrite.problemCode == "insufficient_scope")
        }
        await harness.shutdown()
    }

    @Test func anotherInstitutionsIdsAre404NotTheirData() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            let own = try await client.send(.get, "/v1/documents/\(FakeServices.documentA)", key: harness.institutionA)
            #expect(own.status == .ok)
            #expect(try own.json()["institution"] as? String == "inst-a")

            for path in ["/v1/documents/\(FakeServices.documentA)", "/v1/documents/\(FakeServices.documentA)/content",
                         "/v1/notices/\(FakeServices.noticeA)", "/v1/notices/\(FakeServices.noticeA)/timeline",
                         "/v1/campaigns/camp-1"] {
                let foreign = try await client.send(.get, path, key: harness.institutionB)
                #expect(foreign.status == .notFound, "\(path)")
                #expect(foreign.problemCode.map { ErrorCode(wire: $0).kind } == .notFound, "\(path)")
                #expect(!foreign.text.contains("inst-a"), "\(path) leaked the owner")
                #expect(!foreign.text.contains("PDF"), "\(path) leaked content")
            }
            let unknown = try await client.send(.get, "/v1/documents/1.2.410.200032.9.ffff", key: harness.institutionB)
            let foreign = try await client.send(.get, "/v1/documents/\(FakeServices.documentA)", key: harness.institutionB)
            #expect(unknown.text == foreign.text, "a foreign id must look exactly like an unknown one")

            let certificate = try await client.send(.post, "/v1/notices/\(FakeServices.noticeA)/certificate", key: harness.institutionB)
            #expect(certificate.status == .notFound)

            // Invoices: each institution gets its own, whatever it asks.
            let invoice = try await client.send(.get, "/v1/invoices/2026-10", key: harness.institutionB)
            #expect(invoice.status == .ok)
            #expect(invoice.text.contains("inst-b") && !invoice.text.contains("inst-a"))
        }
        await harness.shutdown()
    }

    @Test func rateLimitAnswers429WithRetryAfter() async throws {
        var configuration = GatewayHarness.testConfiguration()
        configuration.rateLimitBurst = 3
        configuration.rateLimitPerSecond = 0.5
        let harness = try await GatewayHarness(configuration: configuration, services: ["billing"])
        try await harness.withClient { client in
            for _ in 0..<3 {
                #expect(try await client.send(.get, "/v1/mileage", key: harness.institutionA).status == .ok)
            }
            let limited = try await client.send(.get, "/v1/mileage", key: harness.institutionA)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.problemCode == "rate_limited")
            #expect(limited.headers[.retryAfter] == "2")
            // Buckets are per key: another key is unaffected.
            #expect(try await client.send(.get, "/v1/mileage", key: harness.institutionB).status == .ok)
            // The fake clock refills the bucket.
            harness.cluster.clock.advance(by: 2)
            #expect(try await client.send(.get, "/v1/mileage", key: harness.institutionA).status == .ok)
        }
        await harness.shutdown()
    }

    @Test func keysAreStoredHashedAndRevocable() async throws {
        let harness = try await GatewayHarness(services: [])
        let stored = try await harness.cluster.endpoint("gateway")!.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT secret_hash FROM api_key")
        }
        #expect(stored.count == 4)
        #expect(!stored.contains(harness.institutionA))
        #expect(stored.allSatisfy { $0.count == 64 })
        try await harness.withClient { client in
            let created = try await client.send(.post, "/v1/keys", key: harness.operatorKey, body: #"{"scope":"institution","institution":"inst-a"}"#)
            #expect(created.status == .created)
            let keyId = try #require(try created.json()["keyId"] as? String)
            #expect(try await client.send(.delete, "/v1/keys/\(keyId)", key: harness.operatorKey).status == .noContent)
            let noInstitution = try await client.send(.post, "/v1/keys", key: harness.operatorKey, body: #"{"scope":"institution"}"#)
            #expect(noInstitution.status == .unprocessableContent)
            #expect(noInstitution.problemCode == "institution_required")
        }
        await harness.shutdown()
    }

    @Test func corsIsOffByDefault() async throws {
        let harness = try await GatewayHarness(services: [])
        try await harness.withClient { client in
            let response = try await client.send(.get, "/openapi.yaml", headers: ["Origin": "https://evil.example"])
            #expect(response.headers[.accessControlAllowOrigin] == nil)
            let preflight = try await client.send(.options, "/v1/notices", headers: ["Origin": "https://evil.example"])
            #expect(preflight.headers[.accessControlAllowOrigin] == nil)
        }
        await harness.shutdown()
    }
}
