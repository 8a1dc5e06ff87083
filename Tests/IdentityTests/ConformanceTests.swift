import Foundation
import IdentityCore
import Schema
import SongdalTesting
import Testing

/// Issue 18: identity reads CSV with the shared reader and validates phones and CIs with
/// `Schema`'s `MobileNumber` and `CI` — the same answers as the gateway, reminder and notifier.
@Suite("Identity conformance (CSV, MobileNumber, CI)")
struct IdentityConformanceTests {
    static let place = CSVConformance.Place(
        header: ["ci", "carrier", "phone", "lineKind", "mvnoHost", "status", "updatedAt"], phoneColumn: 2,
        row: { n in [ci(n), "KT", "010-1000-\(String(format: "%04d", n))", "personal", "", "active", at1] })

    @Test("the CSV cases give the shared answer through the sync import", arguments: 0..<CSVConformance.cases.count)
    func csvCases(_ index: Int) throws {
        let testCase = CSVConformance.cases[index]
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = scratch.folder.appendingPathComponent("case.csv")
        let bytes = testCase.build(Self.place)
        try Data(bytes).write(to: url)
        let report = try scratch.directory.importCSV(url: url, now: Date(timeIntervalSince1970: 1_795_399_200))
        var entries = report.errors.map { CSVConformance.entry(line: $0.line, code: "\($0.code)", message: $0.message) }
        if let failure = report.failure { entries.append(CSVConformance.entry(line: failure.line, code: "\(failure.code)", message: failure.message)) }
        let answer = CSVConformance.Answer(entries: entries, accepted: report.inserted + report.updated + report.unchanged)
        #expect(answer == testCase.answer(Self.place), "\(testCase.name)")
        #expect(CSVConformance.readerAnswer(bytes).structural == answer.structural, "\(testCase.name): the reader alone")
    }

    @Test func mobileNumbersAsEverywhere() {
        for (input, digits) in IdentifierConformance.phones {
            #expect(MobileNumber(input)?.digits == digits, "\(input.debugDescription)")
            #expect(PhoneNumber.normalize(input) == digits, "\(input.debugDescription)")
            #expect(PhoneNumber.normalize(Array(input.utf8)).map { String(decoding: $0, as: UTF8.self) } == digits)
        }
    }

    @Test func cisAsEverywhere() {
        for (input, valid) in IdentifierConformance.cis {
            #expect((CI(input) != nil) == valid, "\(input.debugDescription)")
            #expect((CICodec.decode(input) != nil) == valid, "\(input.debugDescription)")
        }
        #expect(CI(IdentifierConformance.validCI)?.bytes == Array(0..<64))
        #expect(CI(ci(7))?.text == ci(7))
    }
}
