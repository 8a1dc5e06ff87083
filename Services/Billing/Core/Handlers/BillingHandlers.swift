import Bus
import Foundation
import GRDB
import Logging
import Schema

/// Registers billing's commands and queries on its endpoint. Billing errors travel as their
/// typed `ErrorReply`.
struct BillingHandlers: Sendable {
    let book: InvoiceBook
    let tierCount: Int
    let logger: Logger

    func register(on endpoint: BusEndpoint) {
        let logger = self.logger
        endpoint.handle(RecordUsagePayload.self) { _, context in
            let events = try RecordUsagePayload.events(in: context.envelope.payload)
            let outcome = try typed { try UsageLedger.record(events, receivedAt: context.now, in: context.db) }
            if outcome.parked > 0 {
                try UsageParking.report(in: context.db)
                logger.warning("usage parked: institution without subscription", metadata: [
                    "count": "\(outcome.parked)", "from": "\(context.envelope.header.source)",
                ])
            }
            if !outcome.rejected.isEmpty {
                let codes = Set(outcome.rejected.map(\.error.code.rawValue)).sorted().joined(separator: ",")
                logger.warning("usage events rejected", metadata: [
                    "count": "\(outcome.rejected.count)", "codes": "\(codes)", "from": "\(context.envelope.header.source)",
                ])
            }
        }
        let tierCount = self.tierCount
        endpoint.handle(UpsertSubscription.self, reply: { command, context in
            try typed {
                let subscription = try Subscription(command, tierCount: tierCount)
                // BI-6: usage that waited for this subscription is billed now, in this transaction.
                let released = try SubscriptionStore.upsert(subscription, at: context.now, in: context.db)
                if released.applied + released.duplicates + released.rejected.count > 0 {
                    try UsageParking.report(in: context.db)
                    logger.info("parked usage billed", metadata: [
                        "institution": "\(subscription.institution)", "applied": "\(released.applied)",
                        "duplicates": "\(released.duplicates)", "rejected": "\(released.rejected.count)",
                    ])
                }
                return SubscriptionStored(subscription: subscription.command)
            }
        })
        let book = self.book
        endpoint.handle(IssueInvoices.self, reply: { command, context in
            let result = try typed { try book.issue(command, now: context.now, in: context.db) }
            logger.info("invoices issued", metadata: ["month": "\(result.month)", "issued": "\(result.issued)", "already": "\(result.alreadyIssued)"])
            return result
        })
        endpoint.answer(InvoiceQuery.self) { query, context in
            try await context.store.pool.read { db in
                try typed {
                    let (invoice, json) = try book.document(institution: query.institution, month: query.month, in: db)
                    return InvoiceReply(invoice: invoice, format: query.format, contentType: query.format.contentType,
                                        body: InvoiceBook.render(invoice, json: json, as: query.format))
                }
            }
        }
        endpoint.answer(UsageSummaryQuery.self) { query, context in
            try await context.store.pool.read { db in
                try typed { try UsageSummaries.summary(institution: query.institution, month: query.month, in: db) }
            }
        }
        endpoint.answer(MileageQuery.self) { query, context in
            let now = context.now
            return try await context.store.pool.read { db in
                try typed {
                    guard try SubscriptionStore.exists(query.institution, in: db) else {
                        throw BillingError.unknownInstitution(query.institution)
                    }
                    return try MileageLedger.statement(institution: query.institution, at: now,
                                                       limit: min(max(query.historyLimit ?? 100, 0), 10_000), in: db)
                }
            }
        }
    }
}

/// Runs `body`, turning a `BillingError` into the `ErrorReply` the bus sends back.
func typed<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as BillingError { throw error.reply }
}
