import Runtime

/// One dated rate of the price book. Rates are append-only: a price change is a new rate with a
/// later `effectiveFrom`, so invoices of earlier months keep their prices.
public struct PriceRate: Codable, Sendable, Hashable {
    /// A tier of the annual send volume (BI-1): sends up to `upTo` (inclusive, cumulative in the
    /// year) cost `price`; the last tier may omit `upTo`.
    public struct Tier: Codable, Sendable, Hashable {
        public var upTo: Int64?
        public var price: Int64

        public init(upTo: Int64?, price: Int64) {
            self.upTo = upTo
            self.price = price
        }
    }

    public var item: String
    /// First day it applies (a month's first day: invoices price whole months).
    public var effectiveFrom: LocalDate
    /// Last day it applies (a month's last day), or open-ended until the next rate.
    public var effectiveTo: LocalDate?
    /// Won per unit (per month for plan fees, per MB-month for storage).
    public var price: Int64?
    public var tiers: [Tier]?
    /// For monthly plan fees: storage and IDs the plan includes (BI-2).
    public var includedMB: Int64?
    public var includedIDs: Int?
    /// What one unit is, for invoices (`send`, `page`, `MB-month`).
    public var unit: String?
    public var description: String?

    /// The price of the first tier for tiered items, otherwise `price`.
    public var unitPrice: Int64 { price ?? tiers?.first?.price ?? 0 }

    /// Whether this rate applies on `date`.
    public func covers(_ date: LocalDate) -> Bool {
        effectiveFrom <= date && (effectiveTo.map { date <= $0 } ?? true)
    }
}
