import Foundation

/// One line of an invoice. `amount` is authoritative: it is the line's figure rounded half up to
/// the won; `quantity`, `unitPrice` and `basis` say how it was reached.
public struct InvoiceLine: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        /// Join fee, base fee, extra IDs.
        case fee
        /// Metered usage of the invoiced month.
        case usage
        /// Contract discount (negative amount).
        case discount
        /// Usage of an already-invoiced month that arrived after its invoice was issued.
        case adjustment
    }

    public var kind: Kind
    /// Price-book key, e.g. `notice.sent`, `plan.basic.monthly`.
    public var item: String
    public var description: String
    /// The month the usage happened in (`YYYY-MM`); differs from the invoice's for adjustments.
    public var usageMonth: String
    /// The notice tier (1-based) for tiered sends.
    public var tier: Int?
    /// Quantity in units of `10^-quantityScale` (scale 2: MB with two decimals).
    public var quantity: Int64
    public var quantityScale: Int
    public var unit: String
    /// Won per `unit` (per MB-month for storage, per month for fees).
    public var unitPrice: Int64
    /// How the amount follows from quantity and price, e.g. `16/30 days`.
    public var basis: String?
    public var amount: Int64

    public init(kind: Kind, item: String, description: String, usageMonth: String, tier: Int? = nil, quantity: Int64,
                quantityScale: Int = 0, unit: String, unitPrice: Int64, basis: String? = nil, amount: Int64) {
        self.kind = kind
        self.item = item
        self.description = description
        self.usageMonth = usageMonth
        self.tier = tier
        self.quantity = quantity
        self.quantityScale = quantityScale
        self.unit = unit
        self.unitPrice = unitPrice
        self.basis = basis
        self.amount = amount
    }
}

/// A monthly invoice of one institution (BI-4). Amounts in won, VAT 10 % on the subtotal.
public struct Invoice: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable {
        /// The month is still open: figures can still change.
        case draft
        /// Issued: the month is closed and this invoice never changes.
        case issued
    }

    public var institution: String
    /// `YYYY-MM` (KST).
    public var month: String
    public var status: Status
    public var plan: VaultPlan
    public var issuedAt: Date?
    public var lines: [InvoiceLine]
    public var subtotal: Int64
    public var vat: Int64
    public var total: Int64
    public var currency: String

    public init(institution: String, month: String, status: Status, plan: VaultPlan, issuedAt: Date?,
                lines: [InvoiceLine], subtotal: Int64, vat: Int64, total: Int64, currency: String = "KRW") {
        self.institution = institution
        self.month = month
        self.status = status
        self.plan = plan
        self.issuedAt = issuedAt
        self.lines = lines
        self.subtotal = subtotal
        self.vat = vat
        self.total = total
        self.currency = currency
    }
}

/// Issues (closes) a month's invoices: for the listed institutions, or every subscribed one.
/// Issuing an already issued invoice changes nothing and returns it again.
public struct IssueInvoices: BusRequest {
    public typealias Reply = InvoicesIssued
    public static let messageType = MessageType.command("billing.issueInvoice", handledBy: "billing")

    /// `YYYY-MM` (KST); the month must be over.
    public var month: String
    /// `nil`: every institution with a subscription active in the month.
    public var institutions: [String]?

    public init(month: String, institutions: [String]? = nil) {
        self.month = month
        self.institutions = institutions
    }
}

/// What `IssueInvoices` did.
public struct InvoicesIssued: BusMessage {
    public static let messageType = MessageType.reply("billing.issueInvoice.reply")
    public var month: String
    /// Invoices issued by this request.
    public var issued: Int
    /// Invoices that had been issued before (left unchanged).
    public var alreadyIssued: Int
    /// Sum of the totals of all the month's requested invoices, VAT included.
    public var total: Int64

    public init(month: String, issued: Int, alreadyIssued: Int, total: Int64) {
        self.month = month
        self.issued = issued
        self.alreadyIssued = alreadyIssued
        self.total = total
    }
}

/// The renderings of an invoice.
public enum InvoiceFormat: String, Codable, Sendable, CaseIterable {
    case json, csv, html

    public var contentType: String {
        switch self {
        case .json: "application/json"
        case .csv: "text/csv; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        }
    }
}

/// Reads an invoice: the issued one, or a draft of an open month.
public struct InvoiceQuery: BusRequest {
    public typealias Reply = InvoiceReply
    public static let messageType = MessageType.query("billing.invoice", handledBy: "billing")

    public var institution: String
    public var month: String
    public var format: InvoiceFormat

    public init(institution: String, month: String, format: InvoiceFormat = .json) {
        self.institution = institution
        self.month = month
        self.format = format
    }
}

/// The invoice and its rendering in the asked format (the gateway serves `body` as `contentType`).
public struct InvoiceReply: BusMessage {
    public static let messageType = MessageType.reply("billing.invoice.reply")
    public var invoice: Invoice
    public var format: InvoiceFormat
    public var contentType: String
    public var body: String

    public init(invoice: Invoice, format: InvoiceFormat, contentType: String, body: String) {
        self.invoice = invoice
        self.format = format
        self.contentType = contentType
        self.body = body
    }
}
