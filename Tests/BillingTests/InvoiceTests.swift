import BillingCore
import Foundation
import Schema
import Testing

@Suite("Invoices (BI-2, BI-4)")
struct InvoiceTests {
    /// November 2026 (30 days) of a Premium institution with 2 extra IDs and a 20 % discount.
    static func sampleMonth() throws -> BillingFixture {
        let fixture = try BillingFixture()
        try fixture.subscribe("acme", plan: .premium, joinedOn: "2026-10-01", extraIDs: 2, discountPercent: 20)
        var events = [
            usage("acme", .noticeSent, 1_500, at: kst("2026-11-03", hour: 11)),
            usage("acme", .noticeRead, 700, at: kst("2026-11-04", hour: 11)),
            usage("acme", .originalIssuance, 3, at: kst("2026-11-05", hour: 11)),
            usage("acme", .certificateIssuance, 2, at: kst("2026-11-05", hour: 12)),
            usage("acme", .trustedScanPage, 10, at: kst("2026-11-06", hour: 11)),
            usage("acme", .mileageCredit, 2, at: kst("2026-11-05", hour: 9)),
            usage("acme", .smsSent, 5, at: kst("2026-11-10", hour: 11)),
            usage("acme", .storageDay, 3_000_123, at: kst("2026-11-11", hour: 23)),   // 30,001.23 MB
        ]
        for day in 1...10 {   // 30,500.00 MB on ten days
            events.append(usage("acme", .storageDay, 3_050_000, at: kst("2026-11-" + (day < 10 ? "0" : "") + "\(day)", hour: 23)))
        }
        try fixture.record(events)
        return fixture
    }

    @Test("a full sample month, line by line against hand-computed figures")
    func sampleMonthByHand() throws {
        let invoice = try Self.sampleMonth().invoice("acme", "2026-11").invoice
        let expected: [(String, InvoiceLine.Kind, Int64, Int64, Int64)] = [
            ("plan.premium.monthly", .fee, 30, 300_000, 300_000),            // 300,000 × 30/30
            ("plan.premium.monthly", .discount, 20, 300_000, -60_000),       // 20 % of 300,000
            ("id.extra", .fee, 2, 10_000, 20_000),                           // 2 × 10,000 × 30/30
            ("notice.sent", .usage, 1_500, 130, 195_000),                    // tier 1
            ("notice.read", .usage, 700, 50, 35_000),
            ("vault.storage.day", .usage, 500_123, 5, 834),                  // 5,001.23 MB-days × 5 / 30 = 833.54
            ("vault.storage.day", .discount, 20, 834, -167),                 // 20 % of 834 = 166.8
            ("vault.issuance.original", .usage, 3, 100, 300),
            ("vault.issuance.certificate", .usage, 2, 1_000, 2_000),
            ("scan.trusted.page", .usage, 10, 200, 2_000),
            ("sms.sent", .usage, 3, 20, 60),                                 // 5 SMS, 2 paid with mileage
            ("sms.free", .usage, 2, 0, 0),
        ]
        #expect(invoice.lines.count == expected.count)
        for (line, want) in zip(invoice.lines, expected) {
            #expect(line.item == want.0, "\(line.item)")
            #expect(line.kind == want.1, "\(line.item)")
            #expect(line.quantity == want.2, "\(line.item)")
            #expect(line.unitPrice == want.3, "\(line.item)")
            #expect(line.amount == want.4, "\(line.item)")
        }
        #expect(invoice.subtotal == 495_027)
        #expect(invoice.vat == 49_503)      // 49,502.7 rounds half up
        #expect(invoice.total == 544_530)
        #expect(invoice.status == .draft)
    }

    @Test("issuing is reproducible: the stored bytes equal a regeneration, even after late usage")
    func reproducible() throws {
        let fixture = try Self.sampleMonth()
        let first = try fixture.issue("2026-11", now: kst("2026-12-01", hour: 9))
        #expect(first.issued == 1)
        let stored = try fixture.invoice("acme", "2026-11")
        #expect(stored.invoice.status == .issued)
        #expect(try fixture.regenerate("acme", "2026-11") == stored.json)
        // Late usage of November after the invoice: the issued bytes do not move.
        try fixture.record([usage("acme", .noticeRead, 4, at: kst("2026-11-28", hour: 11))], receivedAt: kst("2026-12-02"))
        #expect(try fixture.invoice("acme", "2026-11").json == stored.json)
        #expect(try fixture.regenerate("acme", "2026-11") == stored.json)
        let again = try fixture.issue("2026-11", now: kst("2026-12-03", hour: 9))
        #expect(again.issued == 0 && again.alreadyIssued == 1 && again.total == first.total)
    }

    @Test("usage of a closed month lands on the next invoice as an adjustment line")
    func lateUsage() throws {
        let fixture = try Self.sampleMonth()
        try fixture.issue("2026-11", now: kst("2026-12-01", hour: 9))
        try fixture.record([
            usage("acme", .noticeRead, 4, at: kst("2026-11-28", hour: 11)),
            usage("acme", .noticeSent, 10, at: kst("2026-11-29", hour: 11)),
            usage("acme", .noticeRead, 1, at: kst("2026-12-02", hour: 11)),
        ], receivedAt: kst("2026-12-02", hour: 12))
        let december = try fixture.invoice("acme", "2026-12").invoice
        let adjustments = december.lines.filter { $0.kind == .adjustment }
        #expect(adjustments.map(\.item) == ["notice.sent", "notice.read"])
        #expect(adjustments.map(\.usageMonth) == ["2026-11", "2026-11"])
        #expect(adjustments.map(\.amount) == [1_300, 200])
        #expect(adjustments.allSatisfy { $0.description.hasPrefix("Adjustment for 2026-11") })
        #expect(december.lines("notice.read", kind: .usage).map(\.quantity) == [1])
    }

    @Test("a month can be issued only once it is over (KST)")
    func monthNotOver() throws {
        let fixture = try BillingFixture()
        try fixture.subscribe("acme")
        #expect(throws: BillingError.monthNotOver("2026-11")) {
            try fixture.issue("2026-11", now: kst("2026-11-30", hour: 23, minute: 59))
        }
        #expect(try fixture.issue("2026-11", now: kst("2026-12-01")).issued == 1)
    }

    @Test("CSV and HTML renderings carry every line and the totals")
    func renderings() throws {
        let invoice = try Self.sampleMonth().invoice("acme", "2026-11").invoice
        let csv = InvoiceCSV.render(invoice)
        let rows = csv.split(separator: "\r\n")
        #expect(rows.count == 1 + invoice.lines.count + 3)
        #expect(rows.first?.hasPrefix("institution,month,status,kind,item") == true)
        #expect(csv.contains("acme,2026-11,draft,usage,vault.storage.day,2026-11,,5001.23,MB-day,5,"))
        #expect(rows.last == "acme,2026-11,draft,total,,,,,,,,544530,")
        let html = InvoiceHTML.render(invoice)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("544,530"))
        #expect(html.contains("-60,000"))
    }

    @Test("HTML and CSV escape what an institution name could inject")
    func escaping() throws {
        let fixture = try BillingFixture()
        try fixture.subscribe("<script>x</script>,\"=1")
        let invoice = try fixture.invoice("<script>x</script>,\"=1", "2026-11").invoice
        #expect(!InvoiceHTML.render(invoice).contains("<script>"))
        #expect(InvoiceCSV.render(invoice).contains("\"<script>x</script>,\"\"=1\""))
    }
}
