import Foundation
@testable import GatewayCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Schema
import SongdalTesting
import Testing

/// Issue 18: the gateway's CSV check is the shared reader, and `POST /v1/notices` refuses the
/// phones and CIs that `Schema`'s `MobileNumber` and `CI` refuse — the same answers as identity,
/// reminder and the notifier.
@Suite(.serialized) struct GatewayConformanceTests {
    /// The campaign's columns (any header reads the same way here: the check knows no schema).
    static let place = CSVConformance.Place(header: ["phone", "reference"], phoneColumn: 0, row: { n in
        ["010-2000-\(String(format: "%04d", n))", "r\(n)"]
    })

    @Test("the CSV cases give the shared answer through the upload check", arguments: 0..<CSVConformance.cases.count)
    func csvCases(_ index: Int) throws {
        let testCase = CSVConformance.cases[index]
        let bytes = testCase.build(Self.place)
        let expected = testCase.answer(Self.place).structural
        let found = CSVCheck.problems(bytes: bytes).map { CSVConformance.Entry(line: $0.line, reason: $0.reason) }
        #expect(found == expected, "\(testCase.name)")
        // The upload is refused at its first quote or encoding error; ragged rows go on to the service.
        let refusing = CSVCheck.problems(bytes: bytes, includingRagged: false)
        do {
            try CSVCheck.validate(bytes: bytes)
            #expect(refusing.isEmpty, "\(testCase.name) passed the check")
        } catch let problem as Problem {
            #expect(problem.code == .csvMalformed)
            #expect(problem.line == refusing.first?.line, "\(testCase.name)")
        }
    }

    func notice(_ recipient: [String: String]) throws -> String {
        let body: [String: String] = ["title": "t", "coverText": "x", "documentId": "d"].merging(recipient) { $1 }
        return String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
    }

    @Test func phonesAndCIsAsEverywhere() async throws {
        let harness = try await GatewayHarness()
        let phones = IdentifierConformance.phones, cis = IdentifierConformance.cis
        let bodies = try phones.map { try notice(["phone": $0.input]) } + cis.map { try notice(["ci": $0.input]) }
        try await harness.withClient { client in
            for (index, (input, digits)) in phones.enumerated() {
                let response = try await client.send(.post, "/v1/notices", key: harness.institutionA, body: bodies[index])
                #expect((response.problemCode == "invalid_phone") == (digits == nil), "\(input.debugDescription): \(response.text)")
            }
            for (index, (input, valid)) in cis.enumerated() {
                let response = try await client.send(.post, "/v1/notices", key: harness.institutionA, body: bodies[phones.count + index])
                #expect((response.problemCode == "invalid_ci") == !valid, "\(input.debugDescription): \(response.text)")
            }
        }
        await harness.shutdown()
    }
}
