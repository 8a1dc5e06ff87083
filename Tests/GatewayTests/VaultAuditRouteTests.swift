import Foundation
@testable import GatewayCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 19: the vault's audit and integrity flags over HTTP, each for the scope it belongs to.
@Suite(.serialized) struct VaultAuditRouteTests {
    @Test func theStoreAuditAndFlagsAreForOversightOnly() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            for key in [harness.operatorKey, harness.auditorKey] {
                let audit = try await client.send(.get, "/v1/vault/audit", key: key)
                #expect(audit.status == .ok)
                let problems = try audit.json()["problems"] as? [[String: Any]] ?? []
                #expect(problems.first?["documentId"] as? String == FakeServices.documentA)
                #expect(problems.first?["code"] as? String == "blob_altered")

                let flags = try await client.send(.get, "/v1/vault/integrity?limit=10", key: key)
                #expect(flags.status == .ok)
                let body = try flags.json()
                #expect(body["flaggedDocuments"] as? Int == 1)
                let finding = (body["findings"] as? [[String: Any]])?.first
                #expect(finding?["documentId"] as? String == FakeServices.documentA)
                #expect(finding?["operation"] as? String == "issuance:original")
            }
            #expect(try await client.send(.get, "/v1/vault/audit", key: harness.institutionA).status == .forbidden)
            #expect(try await client.send(.get, "/v1/vault/integrity", key: harness.institutionA).status == .forbidden)
            #expect(try await client.send(.get, "/v1/vault/audit").status == .unauthorized)
            let metrics = try await client.send(.get, "/metrics")
            #expect(metrics.text.contains("songdal_vault_flagged_documents 1"), "\(metrics.text.prefix(2000))")
            let badLimit = try await client.send(.get, "/v1/vault/integrity?limit=0", key: harness.operatorKey)
            #expect(badLimit.status == .unprocessableContent)
        }
        await harness.shutdown()
    }

    @Test func checkpointsAndConsistencyProofsAreOpen() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            let list = try await client.send(.get, "/v1/vault/checkpoints?fromSize=0&limit=10")
            #expect(list.status == .ok)
            let body = try list.json()
            #expect(body["logSize"] as? Int == 4)
            #expect((body["checkpoints"] as? [[String: Any]])?.first?["size"] as? Int == 3)
            let proof = try await client.send(.get, "/v1/vault/consistency?first=3&second=4")
            #expect(proof.status == .ok)
            #expect(try proof.json()["proof"] as? [String] == ["cc"])
            #expect(try await client.send(.get, "/v1/vault/consistency?first=3").problemCode == "missing_field")
            #expect(try await client.send(.get, "/v1/vault/consistency?first=-1&second=2").problemCode == "invalid_field")
            #expect(try await client.send(.get, "/v1/vault/consistency?first=1&second=9").problemCode == "invalid_tree_size")
            #expect(try await client.send(.get, "/v1/vault/checkpoints?limit=0").problemCode == "invalid_field")
        }
        await harness.shutdown()
    }

    @Test func theDashboardRaisesAnAlarmForFlaggedDocuments() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            let login = try await client.send(.post, "/dashboard/login", body: "key=\(harness.operatorKey)")
            let cookie = try #require(login.cookie)
            let page = try await client.send(.get, "/dashboard", headers: ["Cookie": cookie])
            #expect(page.status == .ok)
            #expect(page.text.contains("문서 무결성 경보"))
            #expect(page.text.contains("\(FakeServices.documentA) (blob_altered, issuance:original)"))
        }
        await harness.shutdown()
    }

    @Test func aDocumentAuditIsForItsOwnerOrAnOperator() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            for key in [harness.institutionA, harness.operatorKey] {
                let answer = try await client.send(.get, "/v1/documents/\(FakeServices.documentA)/audit", key: key)
                #expect(answer.status == .ok)
                let body = try answer.json()
                #expect(body["documentId"] as? String == FakeServices.documentA)
                #expect(body["clean"] as? Bool == false)
                #expect((body["audit"] as? [String: Any])?["documents"] as? Int == 1)
                #expect((body["integrityFindings"] as? [[String: Any]])?.first?["code"] as? String == "blob_altered")
            }
            // Another institution's document, or none: 404 alike.
            #expect(try await client.send(.get, "/v1/documents/\(FakeServices.documentA)/audit", key: harness.institutionB).status == .notFound)
            #expect(try await client.send(.get, "/v1/documents/1.2.410.200032.9.none/audit", key: harness.institutionA).status == .notFound)
            #expect(try await client.send(.get, "/v1/documents/1.2.410.200032.9.none/audit", key: harness.operatorKey).status == .notFound)
        }
        await harness.shutdown()
    }
}
