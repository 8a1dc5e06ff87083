/// Codes of the reminder service (`ReminderInputError`, X-3).
extension ErrorCode {
    /// A business registration number that is malformed or fails its check digit.
    public static let invalidBusinessNumber = ErrorCode("invalid_business_number", .invalid)
    /// Not a Korean mobile number (a member's or recipient's).
    public static let invalidMobile = ErrorCode("invalid_mobile", .invalid)
    /// End date before start date.
    public static let endBeforeStart = ErrorCode("end_before_start", .invalid)
    /// A negative amount.
    public static let negativeAmount = ErrorCode("negative_amount", .invalid)
    /// An amount that is not a whole number of won.
    public static let invalidAmount = ErrorCode("invalid_amount", .invalid)
    /// An unknown guarantee kind.
    public static let unknownKind = ErrorCode("unknown_kind", .invalid)
    /// No member with this business registration number.
    public static let unknownMember = ErrorCode("unknown_member", .invalid)
    /// No such recipient for this member.
    public static let unknownRecipient = ErrorCode("unknown_recipient", .invalid)

    static let reminder: [ErrorCode] = [
        invalidBusinessNumber, invalidMobile, endBeforeStart, negativeAmount, invalidAmount, unknownKind, unknownMember,
        unknownRecipient,
    ]
}
