import Foundation
@testable import GatewayCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Bad input on every kind of route gets the documented problem+json, never a 500.
@Suite(.serialized) struct BadInputTests {
    /// One bad request and the problem it must get.
    struct Case: Sendable {
        var method: HTTPRequest.Method, path: String, kind: KeyKind, body: String?, status: Int, code: String
        init(_ method: HTTPRequest.Method, _ path: String, _ kind: KeyKind, _ body: String?, _ status: Int, _ code: String) {
            (self.method, self.path, self.kind, self.body, self.status, self.code) = (method, path, kind, body, status, code)
        }
    }
    enum KeyKind: Sendable { case institution, operatorKey }

    static let cases: [Case] = [
        Case(.post, "/v1/notices", .institution, "{not json", 400, "malformed_json"),
        Case(.post, "/v1/notices", .institution, "", 400, "empty_body"),
        Case(.post, "/v1/notices", .institution, #"{"title":1,"coverText":"x","documentId":"d","phone":"01012345678"}"#, 422, "invalid_field"),
        Case(.post, "/v1/notices", .institution, #"{"coverText":"x","documentId":"d","phone":"01012345678"}"#, 422, "missing_field"),
        Case(.post, "/v1/notices", .institution, #"{"title":"t","coverText":"x","documentId":"d"}"#, 422, "missing_recipient"),
        Case(.post, "/v1/notices", .institution, #"{"title":"t","coverText":"x","documentId":"d","phone":"1","channel":"fax"}"#, 422, "invalid_field"),
        Case(.post, "/v1/documents/\(FakeServices.documentA)/certificates", .institution, #"{"kind":"delivery","requester":"r","purpose":"p"}"#, 422, "invalid_certificate_kind"),
        Case(.post, "/v1/documents/\(FakeServices.documentA)/certificates", .institution, #"{"kind":"nope","requester":"r","purpose":"p"}"#, 422, "invalid_field"),
        Case(.post, "/v1/documents", .institution, "bytes", 422, "missing_field"),
        Case(.get, "/v1/invoices/2026-13", .institution, nil, 422, "invalid_month"),
        Case(.get, "/v1/invoices/2026-10?format=pdf", .institution, nil, 422, "invalid_format"),
        Case(.get, "/v1/usage/oct", .institution, nil, 422, "invalid_month"),
        Case(.get, "/v1/mileage?limit=-1", .institution, nil, 422, "invalid_field"),
        Case(.get, "/v1/campaigns/camp-1?badRowLimit=x", .institution, nil, 422, "invalid_field"),
        Case(.post, "/v1/campaigns", .institution, "phone\n01012345678\n", 422, "missing_field"),
        Case(.post, "/v1/campaigns?name=x&channel=fax", .institution, "phone\n", 422, "invalid_field"),
        Case(.post, "/v1/campaigns?name=x&readDeadline=tomorrow", .institution, "phone\n", 422, "invalid_field"),
        Case(.post, "/v1/campaigns?name=x", .institution, "phone,title\n01012345678,\"broken\n", 422, "csv_malformed"),
        Case(.post, "/v1/campaigns?name=x", .institution, "", 400, "empty_body"),
        Case(.post, "/v1/guarantees/import", .institution, "guarantee_no,kind\nG1,\"계약\"x\n", 422, "csv_malformed"),
        Case(.post, "/v1/subscribers/sync", .operatorKey, "ci,phone\n\"abc,010\n", 422, "csv_malformed"),
        Case(.post, "/v1/subscribers/sync?mode=partial", .operatorKey, "ci\n", 422, "invalid_field"),
        Case(.post, "/v1/subscribers/sync?carrier=XYZ", .operatorKey, "ci\n", 422, "invalid_field"),
        Case(.get, "/v1/subscribers/sync/job-9", .operatorKey, nil, 404, "not_found"),
        Case(.post, "/v1/consents", .operatorKey, #"{"ci":"x","thirdParty":"t","purpose":"p","fields":["blood_type"]}"#, 422, "invalid_field"),
        Case(.post, "/v1/disclosures/search", .operatorKey, "[]", 422, "invalid_field"),
        Case(.post, "/v1/keys", .operatorKey, #"{"scope":"root"}"#, 422, "invalid_field"),
        Case(.put, "/v1/members/1234567890/opt-out", .institution, #"{"optedOut":"yes"}"#, 422, "invalid_field"),
        Case(.put, "/v1/guarantees/G-1", .institution, #"{"businessNumber":"1","kind":"계약","amount":"lots","startDate":"2026-01-01","endDate":"2026-12-31"}"#, 422, "invalid_field"),
        Case(.post, "/v1/guarantees/runs", .institution, "nope", 400, "malformed_json"),
        Case(.get, "/v1/guarantees/runs/preview?asOf=tomorrow", .institution, nil, 422, "invalid_date"),
        Case(.get, "/v1/certificates/zz-not-hex/verification", .institution, nil, 422, "invalid_serial"),
        Case(.get, "/v1/notices/unknown", .institution, nil, 404, "not_found"),
        Case(.get, "/v1/campaigns/unknown", .institution, nil, 404, "not_found"),
        Case(.post, "/v1/campaigns/unknown/pause", .institution, nil, 404, "not_found"),
        Case(.get, "/v1/documents/1.2.3/content", .institution, nil, 404, "not_found"),
        Case(.get, "/v1/no-such-route", .institution, nil, 404, "route_not_found"),
        Case(.delete, "/v1/keys/gk_missing", .operatorKey, nil, 404, "not_found"),
    ]

    @Test func everyRouteAnswersBadInputWithItsProblem() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            for bad in Self.cases {
                let (method, path, kind, body, status, code) = (bad.method, bad.path, bad.kind, bad.body, bad.status, bad.code)
                let key = kind == .institution ? harness.institutionA : harness.operatorKey
                let response = try await client.send(method, path, key: key, body: body,
                                                     headers: path.hasPrefix("/v1/notices") ? ["Content-Type": "application/json"] : [:])
                #expect(Int(response.status.code) == status, "\(method) \(path): \(response.text)")
                #expect(response.problemCode == code, "\(method) \(path): \(response.text)")
                #expect(response.headers[.contentType] == "application/problem+json", "\(method) \(path)")
                let object = try response.json()
                for field in ["type", "title", "status", "detail", "code"] {
                    #expect(object[field] != nil, "\(method) \(path) lacks \(field)")
                }
            }
        }
        await harness.shutdown()
    }

    @Test func brokenQuoteNamesItsLine() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            let csv = "phone,title\n01012345678,ok\n01012345679,\"never closed\n01012345670,x\n"
            let response = try await client.send(.post, "/v1/campaigns?name=x", key: harness.institutionA, body: csv)
            #expect(response.problemCode == "csv_malformed")
            #expect(try response.json()["line"] as? Int == 3)
        }
        await harness.shutdown()
    }

    @Test func hugeBodiesAre413() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            let bigJSON = "{\"title\":\"" + String(repeating: "x", count: 10_000) + "\"}"
            let json = try await client.send(.post, "/v1/notices", key: harness.institutionA, body: bigJSON)
            #expect(json.status == .contentTooLarge)
            #expect(json.problemCode == "body_too_large")

            let upload = try await client.send(.post, "/v1/documents?fileName=a.pdf&title=t", key: harness.institutionA,
                                               bytes: [UInt8](repeating: 0x25, count: 70 * 1024))
            #expect(upload.status == .contentTooLarge)
            #expect(upload.problemCode == "body_too_large")

            let csv = try await client.send(.post, "/v1/guarantees/import", key: harness.institutionA,
                                            body: String(repeating: "a,b\n", count: 5_000))
            #expect(csv.problemCode == "body_too_large")

            let form = try await client.send(.post, "/r/\(FakeServices.validToken)/code", body: String(repeating: "c", count: 20_000))
            #expect(form.status == .contentTooLarge)
        }
        let staged = try FileManager.default.contentsOfDirectory(atPath: harness.cluster.directory.appendingPathComponent("gateway-1/staging").path)
        #expect(staged.isEmpty, "a refused upload leaves no staged file")
        await harness.shutdown()
    }

    @Test func aServiceThatIsDownIs503Or504NotA500() async throws {
        var configuration = GatewayHarness.testConfiguration()
        configuration.busTimeoutMilliseconds = 300
        let harness = try await GatewayHarness(configuration: configuration, services: [])
        try await harness.withClient { client in
            let response = try await client.send(.get, "/v1/mileage", key: harness.institutionA)
            #expect([503, 504].contains(Int(response.status.code)))
            #expect(["upstream_timeout", "service_unavailable"].contains(response.problemCode ?? ""))
        }
        await harness.shutdown()
    }
}
