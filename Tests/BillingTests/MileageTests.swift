import BillingCore
import Foundation
import Schema
import Testing

@Suite("SMS mileage (BI-5)")
struct MileageTests {
    @Test("a credit lapses at 00:00 KST on its anniversary: free the second before midnight, charged at midnight")
    func expiry() throws {
        let fixture = try BillingFixture()
        try fixture.subscribe("a")
        try fixture.subscribe("b")
        let earned = kst("2026-03-10", hour: 10)
        #expect(MileageLedger.expiry(of: earned) == kst("2027-03-10"))
        // Earned late on a KST day (15:30 UTC is 00:30 KST the next day): that KST day counts.
        #expect(MileageLedger.expiry(of: kst("2026-03-10", hour: 23, minute: 59)) == kst("2027-03-10"))
        #expect(MileageLedger.expiry(of: kst("2028-02-29", hour: 12)) == kst("2029-03-01"))
        try fixture.record([usage("a", .mileageCredit, 1, at: earned), usage("b", .mileageCredit, 1, at: earned)])
        try fixture.record([
            usage("a", .smsSent, 1, at: kst("2027-03-09", hour: 23, minute: 59, second: 59)),
            usage("b", .smsSent, 1, at: kst("2027-03-10")),
        ], receivedAt: kst("2027-03-11"))
        #expect(try fixture.invoice("a", "2027-03").invoice.lines("sms.free").map(\.quantity) == [1])
        #expect(try fixture.invoice("b", "2027-03").invoice.lines("sms.free").isEmpty)
        #expect(try fixture.invoice("a", "2027-03").invoice.lines("sms.sent").isEmpty)
        #expect(try fixture.invoice("b", "2027-03").invoice.lines("sms.sent").map(\.amount) == [20])
        let b = try fixture.mileage("b", at: kst("2027-03-11"))
        #expect(b.balance == 0)
        #expect(b.history.map(\.kind) == [.expired, .charged, .earned])
        #expect(try fixture.mileage("a", at: kst("2027-03-09", hour: 23)).balance == 0)
        #expect(try fixture.mileage("b", at: kst("2027-03-09", hour: 23, minute: 59, second: 59)).balance == 1)
        #expect(try fixture.mileage("b", at: kst("2027-03-10")).balance == 0)
    }

    @Test("free SMS spend the oldest unexpired credit first")
    func oldestFirst() throws {
        let fixture = try BillingFixture()
        try fixture.subscribe("a")
        try fixture.record([
            usage("a", .mileageCredit, 1, at: kst("2026-02-01", hour: 10), id: "february"),
            usage("a", .mileageCredit, 1, at: kst("2026-01-01", hour: 10), id: "january"),
        ])
        try fixture.record([usage("a", .smsSent, 1, at: kst("2026-03-01", hour: 10), id: "sms-1")])
        #expect(try fixture.mileage("a", at: kst("2026-03-02")).balance == 1)
        // After January's credit would have lapsed the balance is still 1: January's was spent.
        let later = try fixture.mileage("a", at: kst("2027-01-15"))
        #expect(later.balance == 1)
        #expect(!later.history.contains { $0.kind == .expired })
        // After February's lapses, it shows as expired and nothing is left.
        let end = try fixture.mileage("a", at: kst("2027-02-02"))
        #expect(end.balance == 0)
        #expect(end.history.first { $0.kind == .expired }?.eventId == "february")
    }

    @Test("spending with no credit left is charged at the SMS rate, never a negative balance")
    func zeroBalance() throws {
        let fixture = try BillingFixture()
        try fixture.subscribe("a")
        try fixture.record([usage("a", .mileageCredit, 1, at: kst("2026-11-01", hour: 10))])
        try fixture.record([usage("a", .smsSent, 3, at: kst("2026-11-02", hour: 10))])
        let statement = try fixture.mileage("a", at: kst("2026-11-03"))
        #expect(statement.balance == 0)
        #expect(statement.history.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.charged, .earned, .spent])
        let invoice = try fixture.invoice("a", "2026-11").invoice
        #expect(invoice.lines("sms.free").map(\.quantity) == [1])
        #expect(invoice.lines("sms.sent").map(\.quantity) == [2])
        #expect(invoice.lines("sms.sent").map(\.amount) == [40])
    }
}
