import Foundation
import GRDB
import Schema

/// Issues, stores and reads invoices. Issuing closes the month for the institution: its stored
/// bytes never change, and later usage of that month lands on the next invoice as adjustments.
public struct InvoiceBook: Sendable {
    public let calculator: InvoiceCalculator

    public init(priceBook: PriceBook) { calculator = InvoiceCalculator(priceBook: priceBook) }

    /// Issues `month` for the listed institutions (or every one active in it).
    public func issue(_ command: IssueInvoices, now: Date, in db: Database) throws -> InvoicesIssued {
        let month = try BillingMonth(parsing: command.month)
        guard now >= month.end else { throw BillingError.monthNotOver(month.description) }
        var subscriptions: [Subscription]
        if let names = command.institutions {
            subscriptions = try names.map { name throws -> Subscription in
                guard let found = try SubscriptionStore.fetch(name, in: db) else { throw BillingError.unknownInstitution(name) }
                return found
            }
        } else {
            subscriptions = try SubscriptionStore.active(in: month, in: db)
        }
        let single = subscriptions.count == 1 ? subscriptions.first?.institution : nil
        let inputs = try InvoiceInputs.load(month: month, institution: single, in: db)
        let issued = Set(try String.fetchAll(db, sql: "SELECT institution FROM invoice WHERE month = ?", arguments: [month.description]))
        let store = try db.cachedStatement(sql: "INSERT INTO invoice (institution, month, issued_at, total, body) VALUES (?, ?, ?, ?, ?)")
        let close = try db.cachedStatement(sql: "INSERT OR IGNORE INTO closed_month (institution, month) VALUES (?, ?)")
        var result = InvoicesIssued(month: month.description, issued: 0, alreadyIssued: 0, total: 0)
        for subscription in subscriptions {
            if issued.contains(subscription.institution) {
                result.alreadyIssued += 1
                result.total += try Int64.fetchOne(db, sql: "SELECT total FROM invoice WHERE institution = ? AND month = ?",
                                                   arguments: [subscription.institution, month.description]) ?? 0
                continue
            }
            let invoice = try calculator.invoice(for: subscription, month: month, inputs: inputs[subscription.institution] ?? InvoiceInputs(),
                                                 status: .issued, issuedAt: now)
            let body = try InvoiceJSON.encode(invoice)
            try store.execute(arguments: [subscription.institution, month.description, MileageLedger.millis(now), invoice.total, body])
            try close.execute(arguments: [subscription.institution, month.description])
            result.issued += 1
            result.total += invoice.total
        }
        return result
    }

    /// The issued invoice's stored JSON bytes, or a draft computed now for an open month.
    public func document(institution: String, month text: String, in db: Database) throws -> (invoice: Invoice, json: Data) {
        let month = try BillingMonth(parsing: text)
        if let body = try Data.fetchOne(db, sql: "SELECT body FROM invoice WHERE institution = ? AND month = ?",
                                        arguments: [institution, month.description]) {
            return (try InvoiceJSON.decode(body), body)
        }
        let invoice = try compute(institution: institution, month: month, status: .draft, issuedAt: nil, in: db)
        return (invoice, try InvoiceJSON.encode(invoice))
    }

    /// Computes an issued month again from the store (it must give the stored bytes).
    public func regenerate(institution: String, month text: String, in db: Database) throws -> Data? {
        let month = try BillingMonth(parsing: text)
        guard let issuedAt = try Int64.fetchOne(db, sql: "SELECT issued_at FROM invoice WHERE institution = ? AND month = ?",
                                                arguments: [institution, month.description]) else { return nil }
        return try InvoiceJSON.encode(compute(institution: institution, month: month, status: .issued,
                                              issuedAt: MileageLedger.date(issuedAt), in: db))
    }

    private func compute(institution: String, month: BillingMonth, status: Invoice.Status, issuedAt: Date?, in db: Database) throws -> Invoice {
        guard let subscription = try SubscriptionStore.fetch(institution, in: db) else { throw BillingError.unknownInstitution(institution) }
        let inputs = try InvoiceInputs.load(month: month, institution: institution, in: db)[institution] ?? InvoiceInputs()
        return try calculator.invoice(for: subscription, month: month, inputs: inputs, status: status, issuedAt: issuedAt)
    }

    /// Renders an invoice in a format; JSON is the exact stored bytes.
    public static func render(_ invoice: Invoice, json: Data, as format: InvoiceFormat) -> String {
        switch format {
        case .json: String(decoding: json, as: UTF8.self)
        case .csv: InvoiceCSV.render(invoice)
        case .html: InvoiceHTML.render(invoice)
        }
    }
}
