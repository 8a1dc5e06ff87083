import Foundation
import IdentityCore
import Testing

@Suite("ID-7 and synthetic data")
struct GeneratorTests {
    @Test("a test CI is HMAC-SHA-512(key, rrn) in base64: 88 characters, stable, key-dependent")
    func testCI() {
        let first = TestCIGenerator.ci(key: Array("k".utf8), rrn: "9001011234568")
        #expect(first.count == 88)
        #expect(first.hasSuffix("=="))
        #expect(first == TestCIGenerator.ci(key: Array("k".utf8), rrn: "9001011234568"))
        #expect(first != TestCIGenerator.ci(key: Array("other".utf8), rrn: "9001011234568"))
        // RFC 4231 test case 2: HMAC-SHA-512("Jefe", "what do ya want for nothing?").
        let rfc = TestCIGenerator.ci(key: Array("Jefe".utf8), rrn: "what do ya want for nothing?")
        #expect(Data(base64Encoded: rfc)?.map { String(format: "%02x", $0) }.joined().hasPrefix("164b7a7bfcf819e2e395fbe73b56e0a3") == true)
    }

    @Test("synthetic RRNs are 13 digits with a valid check digit and distinct")
    func rrn() {
        let values = (0..<5_000).map(TestCIGenerator.syntheticRRN)
        #expect(Set(values).count == 5_000)
        for value in values.prefix(100) {
            let digits = value.compactMap(\.wholeNumberValue)
            #expect(digits.count == 13)
            let sum = zip(digits.prefix(12), [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(digits[12] == (11 - sum % 11) % 10)
        }
    }

    @Test("a synthetic file has realistic shares of carriers, MVNO, corporate and multi-line people")
    func shares() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("synth-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let people = try SyntheticDirectory.write(count: 10_000, to: url, seed: 3)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(lines.count == 10_000)
        func share(_ predicate: ([Substring]) -> Bool) -> Double { Double(lines.filter(predicate).count) / 10_000 }
        #expect((0.35...0.50).contains(share { $0[1] == "SKT" }))
        #expect((0.25...0.40).contains(share { $0[1] == "KT" }))
        #expect((0.15...0.30).contains(share { $0[1] == "LGU" }))
        #expect((0.06...0.14).contains(share { !$0[4].isEmpty }))
        #expect((0.01...0.06).contains(share { $0[3] == "corporate" }))
        #expect(Set(lines.map { $0[2] }).count == 10_000)
        #expect(people < 9_500)
    }
}
