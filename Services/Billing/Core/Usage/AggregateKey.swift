/// One running total of usage: institution, the month it is billed on, the month it happened in,
/// and the price-book item.
struct AggregateKey: Hashable {
    let institution: String
    let billingMonth: String
    let usageMonth: String
    let item: String
}

/// One day of stored size, by the month it is billed on.
struct StorageKey: Hashable {
    let institution: String
    let day: String
    let billingMonth: String
}
