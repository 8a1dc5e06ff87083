import Foundation
import ReminderCore
import Runtime
import SongdalTesting
import Testing

@Suite("Targets and send dates (RE-2, RE-3)")
struct RuleTests {
    @Test("10,000,000 won is a target, 9,999,999 is not")
    func amountThreshold() {
        #expect(ReminderRule.isTarget(kind: .contract, amount: 10_000_000))
        #expect(!ReminderRule.isTarget(kind: .contract, amount: 9_999_999))
    }

    @Test("bid and defect are never targets; every other kind is", arguments: GuaranteeKind.allCases)
    func kinds(kind: GuaranteeKind) {
        let expected = kind != .bid && kind != .defect
        #expect(ReminderRule.isTarget(kind: kind, amount: 50_000_000) == expected)
    }

    @Test("Korean and English kind names parse; unknown ones do not")
    func kindParsing() {
        #expect(GuaranteeKind(parsing: "입찰") == .bid)
        #expect(GuaranteeKind(parsing: "하자보수보증") == .defect)
        #expect(GuaranteeKind(parsing: "선급금보증") == .advancePayment)
        #expect(GuaranteeKind(parsing: "advance_payment") == .advancePayment)
        #expect(GuaranteeKind(parsing: "지급") == .payment)
        #expect(GuaranteeKind(parsing: "lottery") == nil)
    }

    /// (raw send date = end − 15 → expected send date)
    static let moved: [(String, String)] = [
        ("2026-11-28", "2026-11-27"),   // Saturday
        ("2026-11-29", "2026-11-27"),   // Sunday
        ("2026-09-24", "2026-09-23"),   // Chuseok eve (Thu)
        ("2026-09-25", "2026-09-23"),   // Chuseok (Fri)
        ("2026-09-26", "2026-09-23"),   // Chuseok (Sat)
        ("2027-02-06", "2027-02-05"),   // Seollal (Sat)
        ("2027-02-07", "2027-02-05"),   // Seollal (Sun)
        ("2027-02-08", "2027-02-05"),   // Seollal (Mon)
        ("2027-02-09", "2027-02-05"),   // substitute holiday (Tue)
        ("2026-11-25", "2026-11-25"),   // an ordinary Wednesday stays
    ]

    @Test("a send date on a weekend or holiday moves to the previous business day", arguments: moved)
    func sendDate(raw: String, expected: String) throws {
        let calendar = try TestCluster.repositoryCalendar()
        let end = LocalDate(raw)!.adding(days: 15)
        #expect(try ReminderRule.sendDate(endDate: end, calendar: calendar) == LocalDate(expected)!)
    }

    @Test("business registration numbers are checked by their check digit")
    func businessNumbers() {
        #expect(BusinessNumber("123-45-67891")?.digits == "1234567891")
        #expect(BusinessNumber("1234567891") != nil)
        #expect(BusinessNumber("123-45-67890") == nil)
        #expect(BusinessNumber("123-45-6789") == nil)
        #expect(BusinessNumber("12a-45-67891") == nil)
        #expect(BusinessNumber(businessNumber(42)) != nil)
    }

    @Test("EUC-KR length: Hangul 2 bytes, ASCII 1; short reminders are SMS, long ones LMS with a subject")
    func messageSize() {
        #expect(EUCKRLength.of("보증A1") == 6)
        let short = ReminderText.expiry(guaranteeNo: "G-1", kind: .contract, amount: 15_000_000, endDate: LocalDate("2026-12-08")!)
        #expect(short.isSMS)
        #expect(short.body.contains("G-1") && short.body.contains("계약보증") && short.body.contains("15,000,000원")
                && short.body.contains("2026-12-08"))
        #expect(EUCKRLength.of(short.body) <= 90)
        let long = ReminderText.expiry(guaranteeNo: String(repeating: "9", count: 40), kind: .subcontractPayment,
                                       amount: 1_500_000_000, endDate: LocalDate("2026-12-08")!)
        #expect(!long.isSMS)
        #expect(long.subject.map(EUCKRLength.of) ?? 99 <= 40)
    }
}
