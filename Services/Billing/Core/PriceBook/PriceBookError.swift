/// Why a price book was refused at start-up.
public enum PriceBookError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(reason: String)
    case unknownItem(String)
    case missingItem(String)
    case negativePrice(item: String, from: String)
    case overlappingDates(item: String, from: String, overlaps: String)
    case notMonthAligned(item: String, date: String)
    case invalidTiers(item: String, reason: String)
    case missingAllowance(item: String)
    /// A rate loaded before was changed or removed: rates are append-only.
    case rateRewritten(item: String, from: String)

    public var code: String {
        switch self {
        case .unreadable: "price_book_unreadable"
        case .malformed: "price_book_malformed"
        case .unknownItem: "unknown_item"
        case .missingItem: "missing_item"
        case .negativePrice: "negative_price"
        case .overlappingDates: "overlapping_dates"
        case .notMonthAligned: "rate_not_month_aligned"
        case .invalidTiers: "invalid_tiers"
        case .missingAllowance: "missing_allowance"
        case .rateRewritten: "rate_rewritten"
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read price book \(path): \(reason)"
        case .malformed(let reason): "price book is not valid JSON of the expected shape: \(reason)"
        case .unknownItem(let item): "price book prices an unknown item \(item)"
        case .missingItem(let item): "price book has no rate for \(item)"
        case .negativePrice(let item, let from): "negative price for \(item) from \(from)"
        case .overlappingDates(let item, let from, let other): "rates of \(item) from \(from) and \(other) overlap"
        case .notMonthAligned(let item, let date): "rate of \(item) must start on a month's first day and end on a last day (\(date))"
        case .invalidTiers(let item, let reason): "tiers of \(item): \(reason)"
        case .missingAllowance(let item): "\(item) must state includedMB and includedIDs"
        case .rateRewritten(let item, let from): "rate of \(item) from \(from) was changed or removed; rates are append-only"
        }
    }
}
