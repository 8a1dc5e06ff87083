import BillingCore
import Bus
import Foundation
import GRDB
import Schema
import SongdalTesting
import Testing

@Suite("Billing over the bus", .serialized)
struct BillingBusTests {
    /// A notifier stand-in that only produces usage and asks billing.
    static let producer = ClusterMember(service: "notifier", registry: BillingService.registry) { _ in [] }

    @Test("subscription, usage sent twice in two messages, invoice issue and queries, typed errors")
    func endToEnd() async throws {
        let cluster = try TestCluster()
        let billing = try await cluster.start(ClusterMember(BillingService.self))
        let notifier = try await cluster.start(Self.producer)
        let stored = try await notifier.request(UpsertSubscription(institution: "acme", plan: .basic, joinedOn: "2026-10-01", discountPercent: 10))
        #expect(stored.subscription.discountPercent == 10)

        let at = kst("2026-11-23", hour: 10)
        let events = (0..<50).map { UsageEvent(eventId: "notice.sent:N\($0)", institution: "acme", item: .noticeSent, quantity: 1, occurredAt: at) }
        for _ in 0..<2 {
            try await notifier.write { db, outbox in _ = try outbox.send(RecordUsage(events: events), in: db) }
        }
        let applied = try await eventually { billing.statistics.applied >= 3 }
        #expect(applied)
        let summary = try await notifier.request(UsageSummaryQuery(institution: "acme", month: "2026-11"))
        #expect(summary.rows == [UsageSummary.Row(item: "notice.sent", usageMonth: "2026-11", quantity: 50)])

        // Too early to close November.
        await #expect(throws: BusError.rejected(BillingError.monthNotOver("2026-11").reply)) {
            _ = try await notifier.request(IssueInvoices(month: "2026-11"))
        }
        cluster.clock.set(kst("2026-12-01", hour: 9))
        let issued = try await notifier.request(IssueInvoices(month: "2026-11"))
        #expect(issued.issued == 1)
        // 100,000 base − 10,000 discount + 50 × 130 = 96,500; VAT 9,650.
        #expect(issued.total == 106_150)

        let html = try await notifier.request(InvoiceQuery(institution: "acme", month: "2026-11", format: .html))
        #expect(html.contentType.hasPrefix("text/html"))
        #expect(html.body.contains("106,150"))
        let json = try await notifier.request(InvoiceQuery(institution: "acme", month: "2026-11", format: .json))
        #expect(json.invoice.status == .issued)

        let mileage = try await notifier.request(MileageQuery(institution: "acme"))
        #expect(mileage.balance == 0)

        await #expect(throws: BusError.rejected(BillingError.unknownInstitution("ghost").reply)) {
            _ = try await notifier.request(InvoiceQuery(institution: "ghost", month: "2026-11"))
        }
        await #expect(throws: BusError.rejected(BillingError.malformedMonth("2026/11", field: "month").reply)) {
            _ = try await notifier.request(InvoiceQuery(institution: "acme", month: "2026/11"))
        }
        await #expect(throws: BusError.rejected(BillingError.invalidSubscription("discountPercent must be 0...50", field: "discountPercent").reply)) {
            _ = try await notifier.request(UpsertSubscription(institution: "acme", plan: .basic, joinedOn: "2026-10-01", discountPercent: 60))
        }
        #expect(billing.statistics.deadLettered == 0)
        await cluster.shutdown()
    }
}
