import Foundation

/// A document-vault plan (BI-2). The raw value is the price-book plan key.
public enum VaultPlan: String, Codable, Sendable, CaseIterable {
    case basic
    case premium
}

/// Creates or replaces an institution's subscription (BI-1, BI-2). Handled by billing inside its
/// inbox, so it is applied once; the reply commits with the change.
public struct UpsertSubscription: BusRequest {
    public typealias Reply = SubscriptionStored
    public static let messageType = MessageType.command("billing.upsertSubscription", handledBy: "billing")

    /// The institution's bus-wide id (the same string usage events carry).
    public var institution: String
    public var plan: VaultPlan
    /// First day of the plan (KST); the join fee falls in its month and the base fee is prorated.
    public var joinedOn: String
    /// Last day of the plan (KST, inclusive), when it ends.
    public var endsOn: String?
    /// IDs beyond those the plan includes, billed monthly (BI-2).
    public var extraIDs: Int
    /// Contract discount in percent, 0...50, on the base fee and storage only (BI-2).
    public var discountPercent: Int
    /// A contract's fixed notice tier (1 = ≤1,000,000, 2 = ≤3,000,000, 3 = ≤5,000,000); `nil`
    /// means graduated by the cumulative sends of the calendar year (BI-1).
    public var fixedNoticeTier: Int?

    public init(institution: String, plan: VaultPlan, joinedOn: String, endsOn: String? = nil, extraIDs: Int = 0,
                discountPercent: Int = 0, fixedNoticeTier: Int? = nil) {
        self.institution = institution
        self.plan = plan
        self.joinedOn = joinedOn
        self.endsOn = endsOn
        self.extraIDs = extraIDs
        self.discountPercent = discountPercent
        self.fixedNoticeTier = fixedNoticeTier
    }
}

/// The subscription as stored.
public struct SubscriptionStored: BusMessage {
    public static let messageType = MessageType.reply("billing.upsertSubscription.reply")
    public var subscription: UpsertSubscription

    public init(subscription: UpsertSubscription) { self.subscription = subscription }
}
