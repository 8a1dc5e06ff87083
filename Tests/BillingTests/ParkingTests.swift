import BillingCore
import Foundation
import Schema
import Testing

@Suite("Usage is never lost (BI-6)")
struct ParkingTests {
    @Test("usage before the subscription is parked, then billed once into its own month when the institution subscribes")
    func parkedThenBilled() throws {
        let fixture = try BillingFixture()
        let early = usage("newco", .noticeSent, 1, at: kst("2026-10-30", hour: 11), id: "notice.sent:N1")
        let later = usage("newco", .noticeSent, 2, at: kst("2026-11-03", hour: 11), id: "notice.sent:N2")
        let first = try fixture.record([early, later])
        #expect(first.parked == 2 && first.applied == 0 && first.rejected.isEmpty)
        // A duplicate delivery while parked is not parked twice.
        let again = try fixture.record([early])
        #expect(again.parked == 0 && again.duplicates == 1)
        #expect(try fixture.store.pool.read { db in try UsageParking.count(in: db) } == 2)
        #expect(try fixture.store.pool.read { db in try UsageParking.count(institution: "newco", in: db) } == 2)

        try fixture.subscribe("newco")
        #expect(try fixture.store.pool.read { db in try UsageParking.count(in: db) } == 0)
        // Duplicate delivery after billing: billed once.
        let late = try fixture.record([early, later])
        #expect(late.applied == 0 && late.duplicates == 2 && late.parked == 0)
        // Subscribing again (an update) bills nothing more.
        try fixture.subscribe("newco")

        #expect(try fixture.invoice("newco", "2026-10").invoice.lines("notice.sent").map(\.quantity) == [1])
        #expect(try fixture.invoice("newco", "2026-11").invoice.lines("notice.sent").map(\.quantity) == [2])
    }

    @Test("release is in the subscribing transaction and keeps the event's own fields")
    func releaseOutcome() throws {
        let fixture = try BillingFixture()
        try fixture.record([usage("newco", .mileageCredit, 1, at: kst("2026-11-02", hour: 9), id: "mileage.credit:G1", reference: "G1")])
        let subscription = try Subscription(UpsertSubscription(institution: "newco", plan: .basic, joinedOn: "2026-01-01"), tierCount: 3)
        let released = try fixture.store.pool.write { db in try SubscriptionStore.upsert(subscription, at: kst("2026-11-20"), in: db) }
        #expect(released.applied == 1 && released.parked == 0)
        let statement = try fixture.mileage("newco", at: kst("2026-11-20"))
        #expect(statement.balance == 1)
        #expect(statement.history.first?.at == kst("2026-11-02", hour: 9))
    }
}
