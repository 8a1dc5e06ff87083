import Foundation
import Testing
@testable import Runtime

@Suite struct PIIMaskerTests {
    @Test(arguments: [
        ("010-1234-5678", "010-****-5678"),
        ("01012345678", "010-****-5678"),
        ("010 1234 5678", "010-****-5678"),
        ("016-123-4567", "016-****-4567"),
        ("0191234567", "019-****-4567"),
        ("+82-10-1234-5678", "+82-10-****-5678"),
        ("+821012345678", "+82-10-****-5678"),
        ("to=01012345678,", "to=010-****-5678,"),
        ("수신자 010-9876-5432 님", "수신자 010-****-5432 님"),
        ("a 010-1234-5678 and 011-2222-3333", "a 010-****-5678 and 011-****-3333"),
    ])
    func masksMobileNumbers(input: String, expected: String) {
        #expect(PIIMasker.mask(input) == expected)
    }

    @Test(arguments: [
        "order 2026012345678901",      // longer digit run: not a phone
        "012-1234-5678",               // 012 is not a mobile prefix
        "010-12-5678",                 // too short
        "version 1.2.410.200032.9",    // an OID
        "took 1013 ms",
    ])
    func leavesOtherNumbersAlone(_ input: String) {
        #expect(PIIMasker.mask(input) == input)
    }

    @Test func masksCIsAndLongBase64() {
        let ci = syntheticCI()
        #expect(ci.count == 88 && ci.hasSuffix("=="))
        #expect(PIIMasker.mask("resolve ci=\(ci) ok") == "resolve ci=[CI] ok")
        #expect(PIIMasker.mask(ci) == "[CI]")
        let key32 = Data(repeating: 0xAB, count: 32).base64EncodedString()  // 44 chars incl. "="
        #expect(PIIMasker.mask("k \(key32)") == "k [CI]")
        let hex128 = String(repeating: "0123456789abcdef", count: 8)  // a 64-byte value in hex
        #expect(PIIMasker.mask(hex128) == "[CI]")
    }

    @Test func keepsHashesAndOrdinaryWords() {
        let sha256 = String(repeating: "9f86d081884c7d65", count: 4)
        #expect(PIIMasker.mask("sha256=\(sha256)") == "sha256=\(sha256)")
        let sentence = "notice 0190a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b accepted for institution demo"
        #expect(PIIMasker.mask(sentence) == sentence)
    }

    @Test func masksResidentRegistrationNumbers() {
        #expect(PIIMasker.mask("rrn 900101-1234567.") == "rrn [RRN].")
        #expect(PIIMasker.mask("9001011-1234567") == "9001011-1234567")
    }

    @Test func untouchedTextIsReturnedAsIs() {
        let text = "한글 메시지 without personal data"
        #expect(PIIMasker.mask(text) == text)
        #expect(PIIMasker.mask("") == "")
    }
}

/// A CI in its real shape: 64 bytes as 88 characters of standard base64 (SPEC ID-7 shape).
func syntheticCI(seed: UInt8 = 7) -> String {
    Data((0..<64).map { UInt8(truncatingIfNeeded: Int($0) &* 37 &+ Int(seed)) }).base64EncodedString()
}
