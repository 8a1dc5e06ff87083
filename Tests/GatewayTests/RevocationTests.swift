import Foundation
@testable import GatewayCore
import Testing

/// Issue 20, item 1: `DELETE /v1/keys/{id}` takes effect at once, not after the
/// authenticator's cache lifetime, on the API and on the dashboard.
@Suite struct RevocationTests {
    @Test func aRevokedKeyStopsWorkingAtOnce() async throws {
        let harness = try await GatewayHarness(services: [])
        try await harness.withClient { client in
            let created = try await client.send(.post, "/v1/keys", key: harness.operatorKey,
                                                body: #"{"scope":"institution","institution":"inst-a"}"#)
            #expect(created.status == .created)
            let key = try #require(try created.json()["key"] as? String)
            let keyId = try #require(try created.json()["keyId"] as? String)
            // Used once, so the authenticator remembers it.
            #expect(try await client.send(.get, "/v1/campaigns", key: key).status == .ok)
            #expect(try await client.send(.delete, "/v1/keys/\(keyId)", key: harness.operatorKey).status == .noContent)
            let after = try await client.send(.get, "/v1/campaigns", key: key)
            #expect(after.status == .unauthorized)
            // The other keys are untouched.
            #expect(try await client.send(.get, "/v1/campaigns", key: harness.institutionA).status == .ok)
        }
        await harness.shutdown()
    }

    @Test func aRevokedOperatorKeyEndsDashboardLoginAndSessionsAtOnce() async throws {
        let harness = try await GatewayHarness(services: [])
        try await harness.withClient { client in
            let created = try await client.send(.post, "/v1/keys", key: harness.operatorKey, body: #"{"scope":"operator"}"#)
            let key = try #require(try created.json()["key"] as? String)
            let keyId = try #require(try created.json()["keyId"] as? String)
            // Used on the API (cached) and to log in to the dashboard.
            #expect(try await client.send(.get, "/v1/keys/none", key: key).status != .unauthorized)
            let login = try await client.send(.post, "/dashboard/login", body: "key=\(key)")
            #expect(login.status == .seeOther)
            let cookie = try #require(login.cookie)
            #expect(try await client.send(.delete, "/v1/keys/\(keyId)", key: harness.operatorKey).status == .noContent)
            let again = try await client.send(.post, "/dashboard/login", body: "key=\(key)")
            #expect(again.status == .unauthorized)
            let page = try await client.send(.get, "/dashboard", headers: ["Cookie": cookie])
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/dashboard/login")
            #expect(try await client.send(.delete, "/v1/keys/gk_other", key: key).status == .unauthorized)
        }
        await harness.shutdown()
    }
}
