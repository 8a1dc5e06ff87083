import Bus
import Foundation
@testable import NotifierCore
import Schema
import SongdalTesting
import Testing

/// Issue 18: campaigns read CSV with the shared reader and notices validate phones and CIs with
/// `Schema`'s `MobileNumber` and `CI` — the same answers as the gateway, identity and reminder.
@Suite(.serialized) struct NotifierConformanceTests {
    static let place = CSVConformance.Place(header: ["phone", "reference"], phoneColumn: 0, row: { n in
        ["010-2000-\(String(format: "%04d", n))", "r\(n)"]
    })

    @Test("the CSV cases give the shared answer through a campaign")
    func csvCases() async throws {
        let harness = try await Harness.start()
        for testCase in CSVConformance.cases {
            let url = harness.cluster.directory.appendingPathComponent("conformance-\(UUID().uuidString).csv")
            let bytes = testCase.build(Self.place)
            try Data(bytes).write(to: url)
            let id = try await harness.client.request(StartCampaign(
                institution: "kb", path: url.path, name: testCase.name, title: "재산세 고지", coverText: "재산세 고지서입니다.",
                documentId: "doc-1")).campaignId
            let done = try await eventually {
                let progress = try await harness.client.request(CampaignProgressQuery(campaignId: id, institution: "kb"))
                return progress.state == .completed || progress.state == .failed
            }
            #expect(done, "\(testCase.name)")
            let progress = try await harness.client.request(CampaignProgressQuery(campaignId: id, institution: "kb"))
            #expect(progress.error == nil, "\(testCase.name)")
            let answer = CSVConformance.Answer(
                entries: progress.badRows.map { CSVConformance.entry(line: $0.line, code: "\($0.code)", message: $0.message) },
                accepted: progress.accepted)
            #expect(answer == testCase.answer(Self.place), "\(testCase.name)")
        }
        await harness.shutdown()
    }

    @Test func mobileNumbersAsEverywhere() {
        for (input, digits) in IdentifierConformance.phones {
            #expect(PhoneNumber.normalize(input) == digits, "\(input.debugDescription)")
        }
    }

    @Test func cisAsEverywhere() {
        for (input, valid) in IdentifierConformance.cis {
            #expect(CIFormat.isValid(input) == valid, "\(input.debugDescription)")
        }
    }
}
