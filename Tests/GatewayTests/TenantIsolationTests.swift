import Foundation
@testable import GatewayCore
import HTTPTypes
import HummingbirdTesting
import Schema
import Testing

/// Issue 20, item 3: another tenant's id answers byte for byte like an unknown id, on every route
/// that takes an id, for each kind of caller.
@Suite struct TenantIsolationTests {
    enum Caller: CaseIterable { case institution, operatorKey, none }
    enum Id: CaseIterable { case own, otherTenant, unknown }

    struct Route: Sendable {
        var method: HTTPRequest.Method
        var path: @Sendable (String) -> String
        var body: String?
        var own: String
        var unknown: String
    }

    static let routes: [Route] = [
        Route(method: .get, path: { "/v1/documents/\($0)" }, body: nil, own: FakeServices.documentA, unknown: "1.2.410.200032.9.ffff"),
        Route(method: .get, path: { "/v1/documents/\($0)/content" }, body: nil, own: FakeServices.documentA, unknown: "1.2.410.200032.9.ffff"),
        Route(method: .post, path: { "/v1/documents/\($0)/certificates" }, body: #"{"kind":"original","requester":"court","purpose":"evidence"}"#,
              own: FakeServices.documentA, unknown: "1.2.410.200032.9.ffff"),
        Route(method: .get, path: { "/v1/notices/\($0)" }, body: nil, own: FakeServices.noticeA, unknown: "notice-unknown"),
        Route(method: .get, path: { "/v1/notices/\($0)/timeline" }, body: nil, own: FakeServices.noticeA, unknown: "notice-unknown"),
    ]

    @Test func otherTenantsIdsAnswerExactlyLikeUnknownIds() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            for route in Self.routes {
                for caller in Caller.allCases {
                    var answers: [Id: (status: HTTPResponse.Status, body: String)] = [:]
                    for id in Id.allCases {
                        // inst-a owns the ids; "other tenant" is inst-b asking for them.
                        let key: String? = switch (caller, id) {
                        case (.institution, .own): harness.institutionA
                        case (.institution, _): harness.institutionB
                        case (.operatorKey, _): harness.operatorKey
                        case (.none, _): nil
                        }
                        let target = id == .unknown ? route.unknown : route.own
                        let response = try await client.send(route.method, route.path(target), key: key, body: route.body,
                                                             headers: route.body == nil ? [:] : ["Content-Type": "application/json"])
                        answers[id] = (response.status, response.text)
                    }
                    let label = "\(route.method) \(route.path("{id}")) as \(caller)"
                    switch caller {
                    case .institution:
                        #expect(answers[.own]?.status.code ?? 0 < 300, "\(label): own id")
                        #expect(answers[.otherTenant]?.status == .notFound, "\(label): other tenant")
                        #expect(answers[.otherTenant]?.body == answers[.unknown]?.body, "\(label): other tenant = unknown, byte for byte")
                        #expect(answers[.unknown]?.status == .notFound, "\(label): unknown")
                    case .operatorKey, .none:
                        // Institution routes: the refusal is about the key, the same whatever the id.
                        let expected: HTTPResponse.Status = caller == .none ? .unauthorized : .forbidden
                        for id in Id.allCases { #expect(answers[id]?.status == expected, "\(label): \(id)") }
                        #expect(answers[.own]?.body == answers[.unknown]?.body, "\(label)")
                        #expect(answers[.otherTenant]?.body == answers[.unknown]?.body, "\(label)")
                    }
                }
            }
        }
        await harness.shutdown()
    }

    /// A service that answers an unknown id with its own not-found code (the vault's
    /// `document_not_found` and a message naming the id) and another tenant's with `forbidden`:
    /// the client sees the same bytes.
    @Test func everyNotFoundCodeAnswersLikeForbidden() {
        let foreign = ProblemMapping.problem(for: ErrorReply(code: .forbidden, message: "owned by inst-b", field: "documentId"))
        for code in [ErrorCode.notFound, .documentNotFound, .noticeNotFound, .campaignNotFound, .fileNotFound, .jobNotFound] {
            let unknown = ProblemMapping.problem(for: ErrorReply(code: code, message: "no document 1.2.410.200032.9.ffff"))
            #expect(unknown.status == foreign.status)
            #expect(unknown.body == foreign.body)
        }
    }
}
