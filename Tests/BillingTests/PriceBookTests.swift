import BillingCore
import Foundation
import GRDB
import Schema
import SongdalTesting
import Store
import Testing

@Suite("Price book (BI-1..BI-3)")
struct PriceBookTests {
    static func file() throws -> [String: Any] {
        let data = try Data(contentsOf: BillingFixture.priceBookURL)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// The repository's price book with `change` applied to its rate list.
    static func variant(_ change: (inout [[String: Any]]) -> Void) throws -> Data {
        var root = try file()
        var rates = root["rates"] as? [[String: Any]] ?? []
        change(&rates)
        root["rates"] = rates
        return try JSONSerialization.data(withJSONObject: root)
    }

    @Test("the repository's price book loads with every price of SPEC §4")
    func repositoryBook() throws {
        let book = try PriceBook.load(from: BillingFixture.priceBookURL)
        let month = try BillingMonth(parsing: "2026-11")
        #expect(try book.rate("notice.sent", in: month).tiers?.map(\.price) == [130, 125, 120])
        #expect(try book.rate("notice.read", in: month).price == 50)
        #expect(try book.rate("plan.premium.monthly", in: month).includedIDs == 30)
        #expect(try book.rate("plan.basic.monthly", in: month).includedMB == 30_000)
        #expect(try book.rate("box.inout", in: month).price == 3_500)
        #expect(book.vatPercent == 10)
    }

    @Test("an unknown item, a negative price, overlapping or unaligned dates are start-up errors")
    func refused() throws {
        let unknown = try Self.variant { $0.append(["item": "fax.sent", "effectiveFrom": "2020-01-01", "price": 10]) }
        #expect(throws: PriceBookError.unknownItem("fax.sent")) { try PriceBook(json: unknown) }
        let negative = try Self.variant { $0.append(["item": "notice.read", "effectiveFrom": "2027-01-01", "price": -1]) }
        #expect(throws: PriceBookError.negativePrice(item: "notice.read", from: "2027-01-01")) { try PriceBook(json: negative) }
        let duplicate = try Self.variant { $0.append(["item": "notice.read", "effectiveFrom": "2020-01-01", "price": 60]) }
        #expect(throws: PriceBookError.overlappingDates(item: "notice.read", from: "2020-01-01", overlaps: "2020-01-01")) {
            try PriceBook(json: duplicate)
        }
        let overlapping = try Self.variant { rates in
            rates = rates.filter { $0["item"] as? String != "notice.read" }
            rates.append(["item": "notice.read", "effectiveFrom": "2020-01-01", "effectiveTo": "2026-12-31", "price": 50])
            rates.append(["item": "notice.read", "effectiveFrom": "2026-06-01", "price": 60])
        }
        #expect(throws: PriceBookError.overlappingDates(item: "notice.read", from: "2020-01-01", overlaps: "2026-06-01")) {
            try PriceBook(json: overlapping)
        }
        let unaligned = try Self.variant { $0.append(["item": "notice.read", "effectiveFrom": "2027-01-15", "price": 60]) }
        #expect(throws: PriceBookError.notMonthAligned(item: "notice.read", date: "2027-01-15")) { try PriceBook(json: unaligned) }
        let missing = try Self.variant { $0.removeAll { $0["item"] as? String == "sms.sent" } }
        #expect(throws: PriceBookError.missingItem("sms.sent")) { try PriceBook(json: missing) }
        #expect(throws: PriceBookError.self) { try PriceBook(json: Data("{".utf8)) }
    }

    @Test("a new dated rate applies from its month; earlier months keep the old price")
    func datedRates() throws {
        let data = try Self.variant { $0.append(["item": "notice.read", "effectiveFrom": "2027-01-01", "price": 60]) }
        let book = try PriceBook(json: data)
        #expect(try book.rate("notice.read", in: BillingMonth(parsing: "2026-12")).price == 50)
        #expect(try book.rate("notice.read", in: BillingMonth(parsing: "2027-01")).price == 60)
    }

    @Test("the service refuses to start on a price book that rewrites a rate it loaded before")
    func appendOnly() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("billing-pb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("price-book.json")
        try Data(contentsOf: BillingFixture.priceBookURL).write(to: path)
        let cluster = try TestCluster(settings: ["price_book": path.path])
        _ = try await cluster.start(.init(BillingService.self))
        await cluster.stop(service: "billing")
        // Appending a rate is fine.
        try Self.variant { $0.append(["item": "notice.read", "effectiveFrom": "2027-01-01", "price": 60]) }.write(to: path)
        _ = try await cluster.start(.init(BillingService.self))
        await cluster.stop(service: "billing")
        // Rewriting the 2020 read price is not.
        try Self.variant { rates in
            for index in rates.indices where rates[index]["item"] as? String == "notice.read" { rates[index]["price"] = 55 }
            rates.append(["item": "notice.read", "effectiveFrom": "2027-01-01", "price": 60])
        }.write(to: path)
        await #expect(throws: PriceBookError.rateRewritten(item: "notice.read", from: "2020-01-01")) {
            _ = try await cluster.start(.init(BillingService.self))
        }
        await cluster.shutdown()
    }
}
