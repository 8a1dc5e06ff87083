import BillingCore
import Foundation
import GRDB
import Runtime
import Schema
import Store

/// A billing store in a temporary folder with the repository's price book, driven through the
/// Core API (the bus adds nothing to the arithmetic; `BusTests` cover the wiring).
final class BillingFixture {
    let directory: URL
    let store: ServiceStore
    let book: PriceBook

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let priceBookURL = repositoryRoot.appendingPathComponent("data/price-book.json")

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("billing-test-\(UUID().uuidString)")
        store = try ServiceStore(directory: directory, service: "billing", migrations: BillingService.migrations)
        book = try PriceBook.load(from: Self.priceBookURL)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func subscribe(_ institution: String, plan: VaultPlan = .basic, joinedOn: String = "2026-01-01", extraIDs: Int = 0,
                   discountPercent: Int = 0, fixedNoticeTier: Int? = nil) throws {
        let subscription = try Subscription(
            UpsertSubscription(institution: institution, plan: plan, joinedOn: joinedOn, extraIDs: extraIDs,
                               discountPercent: discountPercent, fixedNoticeTier: fixedNoticeTier), tierCount: 3)
        try store.pool.write { db in try SubscriptionStore.upsert(subscription, at: kst("2026-01-01"), in: db) }
    }

    @discardableResult
    func record(_ events: [UsageEvent], receivedAt: Date = kst("2026-11-23", hour: 11)) throws -> UsageOutcome {
        try store.pool.write { db in try UsageLedger.record(events, receivedAt: receivedAt, in: db) }
    }

    @discardableResult
    func issue(_ month: String, now: Date, institutions: [String]? = nil) throws -> InvoicesIssued {
        try store.pool.write { db in
            try InvoiceBook(priceBook: self.book).issue(IssueInvoices(month: month, institutions: institutions), now: now, in: db)
        }
    }

    func invoice(_ institution: String, _ month: String) throws -> (invoice: Invoice, json: Data) {
        try store.pool.read { db in try InvoiceBook(priceBook: self.book).document(institution: institution, month: month, in: db) }
    }

    func regenerate(_ institution: String, _ month: String) throws -> Data? {
        try store.pool.read { db in try InvoiceBook(priceBook: self.book).regenerate(institution: institution, month: month, in: db) }
    }

    func mileage(_ institution: String, at now: Date) throws -> MileageStatement {
        try store.pool.read { db in try MileageLedger.statement(institution: institution, at: now, limit: 100, in: db) }
    }
}

/// The instant of a KST wall-clock time.
func kst(_ date: String, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Date {
    KST.instant(LocalDate(date) ?? LocalDate(year: 1970, month: 1, day: 1)!, hour: hour, minute: minute, second: second)
}


/// A usage event with a fresh id unless one is given.
func usage(_ institution: String, _ item: UsageItem, _ quantity: Int64, at: Date, id: String? = nil, reference: String? = nil) -> UsageEvent {
    return UsageEvent(eventId: id ?? "ev-\(UUID().uuidString)", institution: institution, item: item, quantity: quantity,
                      occurredAt: at, reference: reference)
}

extension Invoice {
    /// The lines of an item (and tier), in order.
    func lines(_ item: String, kind: InvoiceLine.Kind? = nil) -> [InvoiceLine] {
        lines.filter { $0.item == item && (kind == nil || $0.kind == kind) }
    }
}
