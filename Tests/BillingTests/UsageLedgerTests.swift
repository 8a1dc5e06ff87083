import BillingCore
import Foundation
import Schema
import Testing

@Suite("Usage events (BI-4)")
struct UsageLedgerTests {
    @Test("the same event delivered twice is billed once")
    func duplicate() throws {
        let fixture = try BillingFixture()
        try fixture.subscribe("acme")
        let event = usage("acme", .noticeSent, 1, at: kst("2026-11-10", hour: 11), id: "notice.sent:N1")
        #expect(try fixture.record([event, event]).applied == 1)
        let second = try fixture.record([event])
        #expect(second.applied == 0 && second.duplicates == 1)
        #expect(try fixture.invoice("acme", "2026-11").invoice.lines("notice.sent").map(\.quantity) == [1])
    }

    @Test("a notice's read is billed once, whatever ids its reports carry")
    func readOncePerNotice() throws {
        let fixture = try BillingFixture()
        try fixture.subscribe("acme")
        try fixture.record([
            usage("acme", .noticeRead, 1, at: kst("2026-11-10", hour: 11), id: "r1", reference: "N1"),
            usage("acme", .noticeRead, 1, at: kst("2026-11-11", hour: 11), id: "r2", reference: "N1"),
            usage("acme", .noticeRead, 1, at: kst("2026-11-11", hour: 11), id: "r3", reference: "N2"),
        ])
        #expect(try fixture.invoice("acme", "2026-11").invoice.lines("notice.read").map(\.quantity) == [2])
    }

    @Test("billable rules: a send is billed once it left for a carrier; unreachable, rejected and early failures are not")
    func billableRules() {
        let at = kst("2026-11-10", hour: 11)
        #expect(NoticeBillingOutcome.leftForCarrier.usageEvent(noticeId: "N1", institution: "acme", at: at)?.item == .noticeSent)
        #expect(NoticeBillingOutcome.failedAfterCarrier.usageEvent(noticeId: "N1", institution: "acme", at: at)?.eventId == "notice.sent:N1")
        #expect(NoticeBillingOutcome.read.usageEvent(noticeId: "N1", institution: "acme", at: at)?.item == .noticeRead)
        for outcome in [NoticeBillingOutcome.unreachable, .rejected, .failedBeforeCarrier] {
            #expect(outcome.usageEvent(noticeId: "N1", institution: "acme", at: at) == nil)
        }
    }

    @Test("bad events are refused alone with typed errors; good ones in the same batch are recorded")
    func badInput() throws {
        let fixture = try BillingFixture()
        try fixture.subscribe("acme")
        let outcome = try fixture.record([
            usage("ghost", .noticeSent, 1, at: kst("2026-11-10"), id: "a"),
            usage("acme", .noticeSent, -1, at: kst("2026-11-10"), id: "b"),
            usage("acme", .noticeSent, 1, at: kst("2026-11-10"), id: ""),
            usage("acme", .noticeSent, 1, at: kst("2026-11-10"), id: "d"),
        ])
        #expect(outcome.applied == 1)
        // An institution without a subscription is parked, not refused (BI-6, `ParkingTests`).
        #expect(outcome.parked == 1)
        #expect(outcome.rejected.map(\.error.code) == [.negativeQuantity, .missingEventId])
        #expect(try fixture.record([usage("", .noticeSent, 1, at: kst("2026-11-10"), id: "e")]).rejected.map(\.error.code) == [.unknownInstitution])
        #expect(BillingError.unknownInstitution("ghost").reply.field == "institution")
    }

    @Test("an unknown item does not decode: the payload is refused with a typed bus error")
    func unknownItem() throws {
        let json = #"{"events":[{"eventId":"x","institution":"acme","item":"fax.sent","quantity":1,"occurredAt":0}]}"#
        #expect(throws: BusError.self) { try PayloadCodec.decode(RecordUsage.self, from: Array(json.utf8)) }
        do {
            _ = try PayloadCodec.decode(RecordUsage.self, from: Array(json.utf8))
        } catch {
            #expect(error.errorReply.code == .malformedPayload)
        }
    }

    @Test("malformed months and dates are typed errors")
    func malformedMonth() throws {
        for text in ["2026-13", "2026/11", "26-11", "2026-1", "", "2026-11-01"] {
            #expect(throws: BillingError.malformedMonth(text, field: "month")) { try BillingMonth(parsing: text) }
        }
        #expect(try BillingMonth(parsing: "2027-02").dayCount == 28)
        #expect(try BillingMonth(parsing: "2026-12").next.description == "2027-01")
        let fixture = try BillingFixture()
        #expect(throws: BillingError.malformedMonth("2026-xx", field: "month")) { try fixture.invoice("acme", "2026-xx") }
        #expect(throws: BillingError.unknownInstitution("ghost")) { try fixture.invoice("ghost", "2026-11") }
        #expect(throws: BillingError.malformedDate("2026-02-30", field: "joinedOn")) {
            try Subscription(UpsertSubscription(institution: "x", plan: .basic, joinedOn: "2026-02-30"), tierCount: 3)
        }
        #expect(throws: BillingError.invalidSubscription("discountPercent must be 0...50", field: "discountPercent")) {
            try Subscription(UpsertSubscription(institution: "x", plan: .basic, joinedOn: "2026-02-01", discountPercent: 51), tierCount: 3)
        }
    }
}
