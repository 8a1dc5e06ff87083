/// Splits sends over the annual volume tiers (BI-1).
///
/// Graduated: the n-th send of the calendar year is priced by the tier n falls in, so a month
/// crossing 1,000,000 pays 130 for the sends up to it and 125 after. Beyond the last bound the
/// last tier's price applies (SPEC is silent; the seed says larger volumes are negotiated).
/// A contract's fixed tier prices every send at that tier.
public enum NoticeTiering {
    public struct Portion: Sendable, Equatable {
        /// 1-based tier.
        public var tier: Int
        public var quantity: Int64
        public var price: Int64

        public init(tier: Int, quantity: Int64, price: Int64) {
            self.tier = tier
            self.quantity = quantity
            self.price = price
        }
    }

    /// Portions of `quantity` sends following `prior` sends of the same year.
    public static func split(_ quantity: Int64, after prior: Int64, tiers: [PriceRate.Tier], fixedTier: Int?) -> [Portion] {
        guard quantity > 0, !tiers.isEmpty else { return [] }
        if let fixedTier {
            let index = min(max(fixedTier, 1), tiers.count) - 1
            return [Portion(tier: index + 1, quantity: quantity, price: tiers[index].price)]
        }
        var portions: [Portion] = []
        var position = prior
        var left = quantity
        for (index, tier) in tiers.enumerated() where left > 0 {
            let isLast = index == tiers.count - 1
            let room = isLast ? left : max(0, (tier.upTo ?? Int64.max) - position)
            let take = min(room, left)
            if take > 0 {
                portions.append(Portion(tier: index + 1, quantity: take, price: tier.price))
                position += take
                left -= take
            }
        }
        return portions
    }
}
