import BillingCore
import Foundation
import GRDB
import Schema
import Testing

/// Keys are recorded a hundred per statement; a chunk holding a repeat (within the batch or
/// from an earlier one) must still bill the first occurrence once and nothing more.
@Suite("Usage events recorded in multi-row chunks (BI-4)")
struct BatchKeyTests {
    @Test("repeats inside a 250-event batch and from an earlier batch are duplicates; the rest are billed once")
    func repeatsAcrossChunks() throws {
        let fixture = try BillingFixture()
        try fixture.subscribe("acme")
        let at = kst("2026-11-10", hour: 11)
        #expect(try fixture.record([usage("acme", .noticeSent, 1, at: at, id: "s-7")]).applied == 1)

        var events = (0..<250).map { usage("acme", .noticeSent, 1, at: at, id: "s-\($0)") }
        events[120] = usage("acme", .noticeSent, 1, at: at, id: "s-110")              // repeat within the same chunk
        events[230] = usage("acme", .noticeSent, 1, at: at, id: "s-5")                // repeat across chunks
        events[60] = usage("ghost", .noticeSent, 1, at: at, id: "g-1")                // parked (BI-6), not recorded
        events[61] = usage("acme", .noticeRead, 1, at: at, id: "r-1", reference: "N1")
        events[199] = usage("acme", .noticeRead, 1, at: at, id: "r-2", reference: "N1") // same notice: one read
        let outcome = try fixture.record(events)
        // 250 − s-7 (earlier batch) − s-110 again − s-5 again − r-2 (same notice) − ghost (parked).
        #expect(outcome.duplicates == 4)
        #expect(outcome.rejected.isEmpty && outcome.parked == 1)
        #expect(outcome.applied == 245)

        let summary = try fixture.store.pool.read { db in try UsageSummaries.summary(institution: "acme", month: "2026-11", in: db) }
        let sent = summary.rows.first { $0.item == UsageItem.noticeSent.rawValue }?.quantity
        let read = summary.rows.first { $0.item == UsageItem.noticeRead.rawValue }?.quantity
        // s-0..s-249 minus the replaced ids (s-60, s-61, s-120, s-199, s-230): 245, one of them (s-7) billed before.
        #expect(sent == 245)
        #expect(read == 1)
        let keys = try fixture.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM usage_event") }
        #expect(keys == 246)

        // The whole batch again: nothing new.
        let again = try fixture.record(events)
        #expect(again.applied == 0 && again.duplicates == 250 && again.parked == 0 && again.rejected.isEmpty)
    }
}
