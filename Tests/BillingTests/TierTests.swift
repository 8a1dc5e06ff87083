import BillingCore
import Foundation
import Schema
import Testing

@Suite("Notice tiers (BI-1)")
struct TierTests {
    @Test("graduated: the 1,000,000th send of the year costs 130 and the 1,000,001st 125")
    func graduatedEdge() throws {
        let fixture = try BillingFixture()
        try fixture.subscribe("acme")
        try fixture.record([usage("acme", .noticeSent, 999_999, at: kst("2026-10-15", hour: 11))])
        try fixture.issue("2026-10", now: kst("2026-11-01", hour: 9))
        try fixture.record([usage("acme", .noticeSent, 2, at: kst("2026-11-10", hour: 11))])
        let october = try fixture.invoice("acme", "2026-10").invoice.lines("notice.sent")
        #expect(october.map(\.quantity) == [999_999])
        #expect(october.map(\.unitPrice) == [130])
        let november = try fixture.invoice("acme", "2026-11").invoice.lines("notice.sent")
        #expect(november.map(\.tier) == [1, 2])
        #expect(november.map(\.quantity) == [1, 1])
        #expect(november.map(\.unitPrice) == [130, 125])
        #expect(november.map(\.amount) == [130, 125])
    }

    @Test("tier splitting at every bound, and beyond the last bound the last price")
    func splitting() throws {
        let tiers = [PriceRate.Tier(upTo: 1_000_000, price: 130), .init(upTo: 3_000_000, price: 125), .init(upTo: 5_000_000, price: 120)]
        let portions = NoticeTiering.split(4_000_001, after: 999_999, tiers: tiers, fixedTier: nil)
        #expect(portions.map(\.quantity) == [1, 2_000_000, 2_000_000])
        #expect(portions.map(\.price) == [130, 125, 120])
        #expect(NoticeTiering.split(10, after: 5_000_000, tiers: tiers, fixedTier: nil) == [.init(tier: 3, quantity: 10, price: 120)])
        #expect(NoticeTiering.split(0, after: 0, tiers: tiers, fixedTier: nil).isEmpty)
    }

    @Test("a contract's fixed tier overrides the graduated count")
    func fixedTier() throws {
        let fixture = try BillingFixture()
        try fixture.subscribe("fixed", fixedNoticeTier: 3)
        try fixture.record([usage("fixed", .noticeSent, 10, at: kst("2026-11-10", hour: 11))])
        let lines = try fixture.invoice("fixed", "2026-11").invoice.lines("notice.sent")
        #expect(lines.map(\.tier) == [3])
        #expect(lines.map(\.amount) == [1_200])
    }

    @Test("the annual count restarts on 1 January KST, not UTC")
    func yearBoundary() throws {
        let fixture = try BillingFixture()
        try fixture.subscribe("acme")
        try fixture.record([usage("acme", .noticeSent, 1_000_000, at: kst("2026-12-31", hour: 23, minute: 30))])
        // 00:30 KST on 1 January is still 31 December in UTC.
        let newYear = kst("2027-01-01", hour: 0, minute: 30)
        #expect(Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: newYear).year == 2026)
        try fixture.record([usage("acme", .noticeSent, 1, at: newYear)])
        let december = try fixture.invoice("acme", "2026-12").invoice.lines("notice.sent")
        #expect(december.map(\.quantity) == [1_000_000])
        let january = try fixture.invoice("acme", "2027-01").invoice.lines("notice.sent")
        #expect(january.map(\.tier) == [1])
        #expect(january.map(\.unitPrice) == [130])
    }
}
