import Foundation
import HummingbirdTesting
@testable import GatewayCore
import Testing

/// Issue 20, item 4 (X-7): a NUL byte, invalid UTF-8 or an over-long field at the gateway's query
/// strings, JSON bodies and forms is a typed problem naming the field, never truncation or
/// replacement.
@Suite struct InputTextTests {
    static func expect(_ response: TestResponse, _ code: String, field: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(response.status == .unprocessableContent, sourceLocation: sourceLocation)
        #expect(response.problemCode == code, sourceLocation: sourceLocation)
        #expect(try response.json()["field"] as? String == field, sourceLocation: sourceLocation)
    }

    @Test func queryFieldsOfADocumentUpload() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            let pdf = Array(FakeServices.pdf)
            let long = String(repeating: "가", count: 10_000)
            let cases: [(String, String, String)] = [
                ("fileName=a%00b.pdf&title=t", "invalid_text", "fileName"),
                ("fileName=a.pdf&title=t%00rest", "invalid_text", "title"),
                ("fileName=a.pdf&title=%FF%FE", "invalid_text", "title"),
                ("fileName=a%C3.pdf&title=t", "invalid_text", "fileName"),
                ("fileName=a.pdf&title=\(long.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")", "too_long", "title"),
            ]
            for (query, code, field) in cases {
                let response = try await client.send(.post, "/v1/documents?\(query)", key: harness.institutionA, bytes: pdf,
                                                     headers: ["Content-Type": "application/pdf"])
                try Self.expect(response, code, field: field)
            }
            // The same upload with clean text is accepted.
            let clean = try await client.send(.post, "/v1/documents?fileName=a.pdf&title=t", key: harness.institutionA, bytes: pdf,
                                              headers: ["Content-Type": "application/pdf"])
            #expect(clean.status == .created)
        }
        await harness.shutdown()
    }

    @Test func jsonFields() async throws {
        var configuration = GatewayHarness.testConfiguration()
        configuration.maxJSONBytes = 128 * 1024
        let harness = try await GatewayHarness(configuration: configuration)
        try await harness.withClient { client in
            func body(title: String) -> String {
                #"{"phone":"010-1234-5678","title":"\#(title)","coverText":"c","documentId":"\#(FakeServices.documentA)"}"#
            }
            let nul = try await client.send(.post, "/v1/notices", key: harness.institutionA, body: body(title: #"a\u0000b"#),
                                            headers: ["Content-Type": "application/json", "Idempotency-Key": "x7-1"])
            try Self.expect(nul, "invalid_text", field: "title")
            let parts = body(title: "a|b").split(separator: "|", maxSplits: 1)
            let raw = Array(parts[0].utf8) + [0xC3, 0x28] + Array(parts[1].utf8)
            let invalid = try await client.send(.post, "/v1/notices", key: harness.institutionA, bytes: raw,
                                                headers: ["Content-Type": "application/json", "Idempotency-Key": "x7-2"])
            try Self.expect(invalid, "invalid_text", field: "title")
            let long = try await client.send(.post, "/v1/notices", key: harness.institutionA,
                                             body: body(title: String(repeating: "t", count: 10_000)),
                                             headers: ["Content-Type": "application/json", "Idempotency-Key": "x7-3"])
            try Self.expect(long, "too_long", field: "title")
            let onboarding = try await client.send(.post, "/v1/institutions", key: harness.operatorKey,
                                                   body: #"{"institution":"inst-x","name":"A\u0000B"}"#,
                                                   headers: ["Content-Type": "application/json"])
            try Self.expect(onboarding, "invalid_text", field: "name")
        }
        await harness.shutdown()
    }

    @Test func formFields() async throws {
        let harness = try await GatewayHarness(services: [])
        try await harness.withClient { client in
            for headers in [["Content-Type": "application/x-www-form-urlencoded"], [:]] {
                let nul = try await client.send(.post, "/dashboard/login", body: "key=\(harness.operatorKey)%00", headers: headers)
                try Self.expect(nul, "invalid_text", field: "key")
                let invalid = try await client.send(.post, "/dashboard/login", body: "key=%FF", headers: headers)
                try Self.expect(invalid, "invalid_text", field: "key")
            }
        }
        await harness.shutdown()
    }
}
