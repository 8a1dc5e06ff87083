import Bus
import Foundation
import Schema
import ServiceLifecycle
import Store

/// The billing service (SPEC §4): usage → monthly invoices, subscriptions, SMS mileage.
public enum BillingService: ServiceDefinition {
    public static let name = "billing"
    public static var migrations: [Migration] { BillingMigrations.all }

    public static var registry: MessageRegistry {
        MessageRegistry([
            RecordUsage.messageType, UpsertSubscription.messageType, SubscriptionStored.messageType,
            IssueInvoices.messageType, InvoicesIssued.messageType, InvoiceQuery.messageType, InvoiceReply.messageType,
            UsageSummaryQuery.messageType, UsageSummary.messageType, MileageQuery.messageType, MileageStatement.messageType,
        ])
    }

    /// Loads and validates the price book (a bad one stops start-up), checks it only appends to
    /// the rates loaded before, and registers the handlers.
    public static func build(_ environment: ServiceEnvironment) async throws -> [any Service] {
        let source = PriceBookLocator.source(setting: environment.setting("price-book"))
        let priceBook = try PriceBook.load(from: source)
        try await environment.store.pool.write { db in try PriceBookHistory.check(priceBook, in: db) }
        let tierCount = (try? priceBook.rate(UsageItem.noticeSent.rawValue, in: BillingMonth(of: environment.clock.now)))?.tiers?.count ?? 3
        BillingHandlers(book: InvoiceBook(priceBook: priceBook), tierCount: tierCount, logger: environment.logger)
            .register(on: environment.endpoint)
        environment.logger.info("billing ready", metadata: ["priceBook": "\(source)", "items": "\(priceBook.rates.count)"])
        return []
    }
}
