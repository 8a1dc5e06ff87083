/// Codes of billing (`BillingError`, X-3).
extension ErrorCode {
    /// No subscription for this institution.
    public static let unknownInstitution = ErrorCode("unknown_institution", .invalid)
    /// A usage event with a negative quantity.
    public static let negativeQuantity = ErrorCode("negative_quantity", .invalid)
    /// Not a `YYYY-MM` month.
    public static let malformedMonth = ErrorCode("malformed_month", .invalid)
    /// Not a `YYYY-MM-DD` date.
    public static let malformedDate = ErrorCode("malformed_date", .invalid)
    /// A subscription that breaks a rule; the message says which.
    public static let invalidSubscription = ErrorCode("invalid_subscription", .invalid)
    /// Issuing the invoices of a month that is not over yet (KST).
    public static let monthNotOver = ErrorCode("month_not_over", .invalid)
    /// A usage event without an event id.
    public static let missingEventId = ErrorCode("missing_event_id", .invalid)
    /// The price book has no rate for the item in the month.
    public static let noRate = ErrorCode("no_rate", .invalid)

    static let billing: [ErrorCode] = [
        unknownInstitution, negativeQuantity, malformedMonth, malformedDate, invalidSubscription, monthNotOver,
        missingEventId, noRate,
    ]
}
