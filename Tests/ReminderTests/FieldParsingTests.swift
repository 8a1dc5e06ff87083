@testable import ReminderCore
import Foundation
import Testing

/// The byte-level field parsers of the import must accept and refuse exactly what the
/// Foundation/Character-based versions did.
@Suite("Field parsing on bytes")
struct FieldParsingTests {
    @Test("trimming gives what Foundation's .whitespaces trimming gives", arguments: [
        "", " ", "\t", "abc", " abc", "abc ", "\tabc\t", "  a b  ", "회사1", " 회사1", "대표\u{3000}", "\u{00A0}x",
        "x\u{00A0}", "\u{2003}x\u{2003}", "\n", "a\n", "\u{FEFF}a", "e\u{301}", " e\u{301} ", "\u{1F600}", "한", "2026-12-01",
    ])
    func trimming(text: String) {
        #expect(FieldText.trimmed(text) == text.trimmingCharacters(in: .whitespaces))
        #expect(Array(FieldText.trimmed(text).unicodeScalars) == Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars))
    }

    @Test("business numbers: ten digits or XXX-XX-XXXXX, with a valid check digit, padded or not")
    func businessNumbers() {
        let valid = BenchmarkData.businessNumber(4_242)
        #expect(BusinessNumber(valid)?.digits == valid)
        #expect(BusinessNumber("  \(valid)\t")?.digits == valid)
        let dashed = String(valid.prefix(3)) + "-" + String(valid.dropFirst(3).prefix(2)) + "-" + String(valid.suffix(5))
        #expect(BusinessNumber(dashed)?.digits == valid)
        #expect(BusinessNumber(dashed)?.description == dashed)
        #expect(BusinessNumber(String(valid.prefix(3)) + "--" + String(valid.dropFirst(3))) == nil)   // 12 bytes, dash misplaced
        #expect(BusinessNumber(String(valid.dropLast()) + String((Int(String(valid.last!))! + 1) % 10)) == nil)
        #expect(BusinessNumber("12345678９1") == nil)        // a full-width digit
        #expect(BusinessNumber("+123456789") == nil)
        #expect(BusinessNumber("") == nil)
        #expect(BusinessNumber(valid + "0") == nil)
    }

    @Test("mobile numbers: 01x with 10 or 11 digits; dashes and spaces ignored; anything else refused")
    func mobileNumbers() {
        #expect(MobileNumber("010-1234-5678")?.digits == "01012345678")
        #expect(MobileNumber("010 1234 5678")?.digits == "01012345678")
        #expect(MobileNumber("011-123-4567")?.digits == "0111234567")
        #expect(MobileNumber("01012345678")?.digits == "01012345678")
        for bad in ["02-123-4567", "010-1234-56789", "010-123-456", "010-1234-567８", "010\t1234\t5678", "010.1234.5678",
                    "", "--", "1012345678", "010-1234-5678\u{301}", "+82-10-1234-5678"] {
            #expect(MobileNumber(bad) == nil, "\(bad)")
        }
    }

    @Test("kinds: exact codes, other cases and Korean names")
    func kinds() {
        #expect(GuaranteeKind(parsing: "contract") == .contract)
        #expect(GuaranteeKind(parsing: " Contract ") == .contract)
        #expect(GuaranteeKind(parsing: "MATERIAL_PURCHASE") == .materialPurchase)
        #expect(GuaranteeKind(parsing: "계약보증") == .contract)
        #expect(GuaranteeKind(parsing: "contracts") == nil)
    }
}
