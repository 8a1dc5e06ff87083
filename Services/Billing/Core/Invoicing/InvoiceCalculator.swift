import Foundation
import Schema

/// Computes one institution's invoice for a month from its subscription, its inputs and the
/// price book: a pure function, so the same inputs always give the same invoice (BI-4).
public struct InvoiceCalculator: Sendable {
    public let priceBook: PriceBook

    public init(priceBook: PriceBook) { self.priceBook = priceBook }

    /// Usage items in invoice order (storage has its own lines, mileage credits are not billed).
    static let usageOrder: [String] = [
        UsageItem.noticeSent, .noticeRead, .originalIssuance, .certificateIssuance, .trustedScanPage, .plainScanPage,
        .boxStorage, .boxInOut, .packingBox, .shreddingBox, .smsSent,
    ].map(\.rawValue) + [PriceKey.freeSMS]

    public func invoice(for subscription: Subscription, month: BillingMonth, inputs: InvoiceInputs,
                        status: Invoice.Status, issuedAt: Date?) throws(BillingError) -> Invoice {
        var lines = try fees(subscription, month)
        let usageMonths = Set(inputs.usage.map(\.usageMonth) + inputs.storage.map { String($0.day.prefix(7)) }).sorted()
        var position = inputs.priorSendsInYear
        for name in usageMonths {
            let usageMonth = try BillingMonth(parsing: name, field: "usage_month")
            let kind: InvoiceLine.Kind = usageMonth < month ? .adjustment : .usage
            let quantities = Dictionary(inputs.usage.filter { $0.usageMonth == name }.map { ($0.item, $0.quantity) }, uniquingKeysWith: +)
            for item in Self.usageOrder {
                if let quantity = quantities[item], quantity > 0 {
                    lines += try usageLines(item, quantity, subscription, usageMonth, month, kind, position: &position)
                }
                // Storage follows the notice lines of its month.
                if item == UsageItem.noticeRead.rawValue { lines += try storage(subscription, inputs, usageMonth, month, kind) }
            }
        }
        let subtotal = lines.reduce(0) { $0 + $1.amount }
        let vat = Rounding.percent(subtotal, priceBook.vatPercent)
        return Invoice(institution: subscription.institution, month: month.description, status: status, plan: subscription.plan,
                       issuedAt: issuedAt, lines: lines, subtotal: subtotal, vat: vat, total: subtotal + vat)
    }

    private func usageLines(_ item: String, _ quantity: Int64, _ subscription: Subscription, _ usageMonth: BillingMonth,
                            _ month: BillingMonth, _ kind: InvoiceLine.Kind, position: inout Int64) throws(BillingError) -> [InvoiceLine] {
        if item == PriceKey.freeSMS {
            return [InvoiceLine(kind: kind, item: item, description: label("SMS paid with mileage (BI-5)", kind, usageMonth),
                                usageMonth: usageMonth.description, quantity: quantity, unit: "message", unitPrice: 0, amount: 0)]
        }
        let rate = try priceBook.rate(item, in: usageMonth)
        guard item == UsageItem.noticeSent.rawValue else {
            return [line(kind, item, rate, usageMonth, month, quantity: quantity, unitPrice: rate.unitPrice, amount: quantity * rate.unitPrice)]
        }
        defer { position += quantity }
        return NoticeTiering.split(quantity, after: position, tiers: rate.tiers ?? [], fixedTier: subscription.fixedNoticeTier).map {
            line(kind, item, rate, usageMonth, month, tier: $0.tier, quantity: $0.quantity, unitPrice: $0.price, amount: $0.quantity * $0.price)
        }
    }

    /// Join fee in the join month, prorated base fee (with the contract discount) and extra IDs.
    private func fees(_ subscription: Subscription, _ month: BillingMonth) throws(BillingError) -> [InvoiceLine] {
        var lines: [InvoiceLine] = []
        let plan = subscription.plan
        if month.contains(subscription.joinedOn) {
            let join = try priceBook.rate(PriceKey.join(plan), in: month)
            lines.append(line(.fee, join.item, join, month, month, quantity: 1, unitPrice: join.unitPrice, amount: join.unitPrice))
        }
        let days = subscription.activeDays(in: month)
        guard days > 0 else { return lines }
        let basis = "\(days)/\(month.dayCount) days"
        let base = try priceBook.rate(PriceKey.monthly(plan), in: month)
        let baseAmount = Rounding.divideHalfUp(base.unitPrice * Int64(days), by: Int64(month.dayCount))
        lines.append(line(.fee, base.item, base, month, month, quantity: Int64(days), unit: "day", unitPrice: base.unitPrice,
                          basis: basis, amount: baseAmount))
        if let discount = discountLine(subscription, of: baseAmount, item: base.item, what: "base fee", month, month) { lines.append(discount) }
        if subscription.extraIDs > 0 {
            let extra = try priceBook.rate(PriceKey.extraID, in: month)
            let amount = Rounding.divideHalfUp(Int64(subscription.extraIDs) * extra.unitPrice * Int64(days), by: Int64(month.dayCount))
            lines.append(line(.fee, extra.item, extra, month, month, quantity: Int64(subscription.extraIDs), unitPrice: extra.unitPrice,
                              basis: basis, amount: amount))
        }
        return lines
    }

    /// Extra storage of the days of `usageMonth` billed on this invoice, and its discount.
    private func storage(_ subscription: Subscription, _ inputs: InvoiceInputs, _ usageMonth: BillingMonth, _ month: BillingMonth,
                         _ kind: InvoiceLine.Kind) throws(BillingError) -> [InvoiceLine] {
        let prefix = usageMonth.description
        let days = inputs.storage.filter { $0.day.hasPrefix(prefix) }
        guard !days.isEmpty else { return [] }
        let plan = try priceBook.rate(PriceKey.monthly(subscription.plan), in: usageMonth)
        let rate = try priceBook.rate(UsageItem.storageDay.rawValue, in: usageMonth)
        let excess = StorageCharge.excessHundredths(days, includedMB: plan.includedMB ?? 0)
        guard excess > 0 else { return [] }
        let amount = StorageCharge.amount(excessHundredths: excess, pricePerMBMonth: rate.unitPrice, dayCount: usageMonth.dayCount)
        var lines = [line(kind, rate.item, rate, usageMonth, month, quantity: excess, scale: 2, unit: "MB-day", unitPrice: rate.unitPrice,
                          basis: "MB-days beyond \(plan.includedMB ?? 0) MB × \(rate.unitPrice) won / \(usageMonth.dayCount) days", amount: amount)]
        if let discount = discountLine(subscription, of: amount, item: rate.item, what: "storage", usageMonth, month) { lines.append(discount) }
        return lines
    }

    private func discountLine(_ subscription: Subscription, of amount: Int64, item: String, what: String,
                              _ usageMonth: BillingMonth, _ month: BillingMonth) -> InvoiceLine? {
        guard subscription.discountPercent > 0, amount > 0 else { return nil }
        return InvoiceLine(kind: .discount, item: item,
                           description: label("Contract discount \(subscription.discountPercent) % on \(what)", .discount, usageMonth, month),
                           usageMonth: usageMonth.description, quantity: Int64(subscription.discountPercent), unit: "%",
                           unitPrice: amount, basis: "\(subscription.discountPercent) % of \(amount)",
                           amount: -Rounding.percent(amount, subscription.discountPercent))
    }

    private func line(_ kind: InvoiceLine.Kind, _ item: String, _ rate: PriceRate, _ usageMonth: BillingMonth, _ month: BillingMonth,
                      tier: Int? = nil, quantity: Int64, scale: Int = 0, unit: String? = nil, unitPrice: Int64, basis: String? = nil,
                      amount: Int64) -> InvoiceLine {
        var text = rate.description ?? item
        if let tier { text += ", tier \(tier)" }
        return InvoiceLine(kind: kind, item: item, description: label(text, kind, usageMonth, month), usageMonth: usageMonth.description,
                           tier: tier, quantity: quantity, quantityScale: scale, unit: unit ?? rate.unit ?? "unit", unitPrice: unitPrice,
                           basis: basis, amount: amount)
    }

    private func label(_ text: String, _ kind: InvoiceLine.Kind, _ usageMonth: BillingMonth, _ month: BillingMonth? = nil) -> String {
        if let month, usageMonth < month { return "Adjustment for \(usageMonth): \(text)" }
        return kind == .adjustment ? "Adjustment for \(usageMonth): \(text)" : text
    }
}
