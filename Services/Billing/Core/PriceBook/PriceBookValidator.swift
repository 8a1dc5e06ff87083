import Runtime

/// The start-up checks of a price book: only known items, all items priced, no negative price,
/// no overlapping dates, month-aligned dates, ascending tiers, plan allowances present.
enum PriceBookValidator {
    static func validate(_ rates: [String: [PriceRate]]) throws(PriceBookError) {
        for item in rates.keys.sorted() where !PriceKey.all.contains(item) { throw .unknownItem(item) }
        for item in PriceKey.all.sorted() where rates[item]?.isEmpty ?? true { throw .missingItem(item) }
        for (item, list) in rates.sorted(by: { $0.key < $1.key }) {
            for rate in list { try check(rate) }
            for (earlier, later) in zip(list, list.dropFirst()) {
                let overlaps = earlier.effectiveFrom == later.effectiveFrom
                    || (earlier.effectiveTo.map { later.effectiveFrom <= $0 } ?? false)
                if overlaps {
                    throw .overlappingDates(item: item, from: earlier.effectiveFrom.description, overlaps: later.effectiveFrom.description)
                }
            }
        }
    }

    private static func check(_ rate: PriceRate) throws(PriceBookError) {
        let item = rate.item
        let from = rate.effectiveFrom.description
        guard rate.effectiveFrom.day == 1 else { throw .notMonthAligned(item: item, date: from) }
        if let to = rate.effectiveTo {
            guard to.adding(days: 1).day == 1, rate.effectiveFrom <= to else {
                throw .notMonthAligned(item: item, date: to.description)
            }
        }
        if (rate.price ?? 0) < 0 || (rate.tiers ?? []).contains(where: { $0.price < 0 }) {
            throw .negativePrice(item: item, from: from)
        }
        if PriceKey.tiered.contains(item) {
            try checkTiers(rate)
        } else if rate.price == nil {
            throw .missingItem(item)
        }
        if item.hasSuffix(".monthly"), rate.includedMB == nil || rate.includedIDs == nil {
            throw .missingAllowance(item: item)
        }
        if (rate.includedMB ?? 0) < 0 || (rate.includedIDs ?? 0) < 0 { throw .negativePrice(item: item, from: from) }
    }

    private static func checkTiers(_ rate: PriceRate) throws(PriceBookError) {
        guard let tiers = rate.tiers, !tiers.isEmpty else { throw .invalidTiers(item: rate.item, reason: "no tiers") }
        var previous: Int64 = 0
        for (index, tier) in tiers.enumerated() {
            guard let bound = tier.upTo else {
                guard index == tiers.count - 1 else { throw .invalidTiers(item: rate.item, reason: "only the last tier may be open") }
                continue
            }
            guard bound > previous else { throw .invalidTiers(item: rate.item, reason: "bounds must ascend") }
            previous = bound
        }
    }
}
