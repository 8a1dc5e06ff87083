import BillingCore
import Foundation
import Schema
import Testing

@Suite("Storage and prorated fees (BI-2)")
struct StorageTests {
    @Test("MB with two decimals, rounded half up at the third")
    func measure() {
        #expect(StorageMeasure.hundredths(megabytes: "1.005") == 101)
        #expect(StorageMeasure.hundredths(megabytes: "1.004") == 100)
        #expect(StorageMeasure.hundredths(megabytes: "1.5") == 150)
        #expect(StorageMeasure.hundredths(megabytes: "30000") == 3_000_000)
        #expect(StorageMeasure.hundredths(megabytes: "-1") == nil)
        #expect(StorageMeasure.hundredths(megabytes: "1.") == nil)
        #expect(StorageMeasure.hundredths(bytes: 1_005_000) == 101)
        #expect(StorageMeasure.hundredths(bytes: 1_004_999) == 100)
    }

    @Test("30,000 MB a day are included; only what is above is billed")
    func allowance() throws {
        let fixture = try BillingFixture()
        try fixture.subscribe("acme")
        try fixture.record([
            usage("acme", .storageDay, 3_000_000, at: kst("2026-11-01", hour: 23)),
            usage("acme", .storageDay, 2_000_000, at: kst("2026-11-02", hour: 23)),
        ])
        #expect(try fixture.invoice("acme", "2026-11").invoice.lines("vault.storage.day").isEmpty)
        try fixture.record([usage("acme", .storageDay, 3_000_001, at: kst("2026-11-03", hour: 23))])
        let lines = try fixture.invoice("acme", "2026-11").invoice.lines("vault.storage.day")
        #expect(lines.map(\.quantity) == [1])          // 0.01 MB-day
        #expect(lines.map(\.quantityScale) == [2])
        #expect(lines.map(\.amount) == [0])            // 0.01 × 5 / 30 rounds to 0
    }

    @Test("a day is 1/31 of the monthly MB price in December and 1/28 in February")
    func monthLength() throws {
        let fixture = try BillingFixture()
        try fixture.subscribe("acme")
        // 31,000 MB stored one day: 1,000 MB beyond the allowance.
        try fixture.record([
            usage("acme", .storageDay, 3_100_000, at: kst("2026-12-10", hour: 23)),
            usage("acme", .storageDay, 3_100_000, at: kst("2027-02-10", hour: 23)),
        ])
        #expect(try fixture.invoice("acme", "2026-12").invoice.lines("vault.storage.day").map(\.amount) == [161])  // 5,000/31 = 161.29
        #expect(try fixture.invoice("acme", "2027-02").invoice.lines("vault.storage.day").map(\.amount) == [179])  // 5,000/28 = 178.57
    }

    @Test("a plan starting on the 20th pays the join fee and 11/30 of the base fee")
    func startOnTwentieth() throws {
        let fixture = try BillingFixture()
        try fixture.subscribe("late", joinedOn: "2026-11-20", extraIDs: 1)
        let invoice = try fixture.invoice("late", "2026-11").invoice
        #expect(invoice.lines("plan.basic.join").map(\.amount) == [100_000])
        let base = invoice.lines("plan.basic.monthly")
        #expect(base.map(\.quantity) == [11])
        #expect(base.map(\.amount) == [36_667])        // 100,000 × 11 / 30 = 36,666.67
        #expect(base.first?.basis == "11/30 days")
        #expect(invoice.lines("id.extra").map(\.amount) == [3_667])
        // The month before the join has no fee at all.
        #expect(try fixture.invoice("late", "2026-10").invoice.lines.isEmpty)
        // The next month is a full month without join fee.
        let december = try fixture.invoice("late", "2026-12").invoice
        #expect(december.lines("plan.basic.join").isEmpty)
        #expect(december.lines("plan.basic.monthly").map(\.amount) == [100_000])
    }
}

@Suite("Late storage")
struct LateStorageTests {
    @Test("more storage reported for a day of an issued month bills only the growth of its excess, next month")
    func lateStorageDay() throws {
        let fixture = try BillingFixture()
        try fixture.subscribe("acme")
        try fixture.record([usage("acme", .storageDay, 3_100_000, at: kst("2026-11-10", hour: 23))])   // 1,000 MB over
        try fixture.issue("2026-11", now: kst("2026-12-01", hour: 9))
        #expect(try fixture.invoice("acme", "2026-11").invoice.lines("vault.storage.day").map(\.amount) == [167])  // 5,000/30
        // A second report for 10 November: 500 MB more, all of it above the allowance.
        try fixture.record([usage("acme", .storageDay, 50_000, at: kst("2026-11-10", hour: 23))], receivedAt: kst("2026-12-02"))
        let adjustment = try fixture.invoice("acme", "2026-12").invoice.lines("vault.storage.day", kind: .adjustment)
        #expect(adjustment.map(\.quantity) == [50_000])
        #expect(adjustment.map(\.amount) == [83])   // 500 × 5 / 30 = 83.33, priced on November's 30 days
        #expect(try fixture.invoice("acme", "2026-11").invoice.lines("vault.storage.day").map(\.amount) == [167])
    }
}
