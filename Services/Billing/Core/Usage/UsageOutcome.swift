/// What recording a batch of usage events did.
public struct UsageOutcome: Sendable, Equatable {
    /// Events applied now.
    public var applied = 0
    /// Events already recorded before (same event id): ignored (BI-4).
    public var duplicates = 0
    /// Events refused, with their typed error; kept in `usage_rejection` for operators.
    public var rejected: [Rejection] = []
    /// Events of an institution without a subscription, kept in `usage_parked` until it subscribes (BI-6).
    public var parked = 0

    public struct Rejection: Sendable, Equatable {
        public var eventId: String
        public var error: BillingError
    }

    public init() {}
}
