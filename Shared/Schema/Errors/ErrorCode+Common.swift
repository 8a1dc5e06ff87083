/// Codes more than one service answers.
extension ErrorCode {
    /// No such thing for this caller (a vault document, certificate, key). Answered like `forbidden`.
    public static let notFound = ErrorCode("not_found", .notFound)
    /// The thing belongs to another institution. The gateway answers it exactly as `not_found`.
    public static let forbidden = ErrorCode("forbidden", .forbidden)
    /// The service failed to answer (an unexpected error inside it).
    public static let internalFailure = ErrorCode("internal", .failure)
    /// A required field is empty or absent; `field` names it.
    public static let missingField = ErrorCode("missing_field", .invalid)
    /// A setting (flag, environment, `--set`) that is not valid; `field` names it.
    public static let invalidSetting = ErrorCode("invalid_setting", .invalid)
    /// A staged file path that is not absolute.
    public static let invalidPath = ErrorCode("invalid_path", .invalid)
    /// A CI that is not 88 characters of base64 (64 bytes).
    public static let invalidCI = ErrorCode("invalid_ci", .invalid)
    /// Not a Korean mobile number.
    public static let invalidPhone = ErrorCode("invalid_phone", .invalid)
    /// Not a valid `YYYY-MM-DD` date.
    public static let invalidDate = ErrorCode("invalid_date", .invalid)
    /// A CSV row whose number of fields differs from the header's.
    public static let wrongFieldCount = ErrorCode("wrong_field_count", .invalid)
    /// A CSV quote in the wrong place.
    public static let brokenQuote = ErrorCode("broken_quote", .invalid)
    /// A quoted CSV field that never closes.
    public static let unterminatedQuote = ErrorCode("unterminated_quote", .invalid)
    /// A CSV field that is not valid UTF-8.
    public static let invalidUTF8 = ErrorCode("invalid_utf8", .invalid)
    /// A CSV field that contains a NUL byte.
    public static let nulByte = ErrorCode("nul_byte", .invalid)
    /// An unknown billable item (usage event or price book).
    public static let unknownItem = ErrorCode("unknown_item", .invalid)
    /// Also a notice's failure reason: not final 72 h after sending (NO-10). As a refusal: a peer
    /// did not answer in time.
    public static let timeout = ErrorCode("timeout", .timeout)

    static let common: [ErrorCode] = [
        notFound, forbidden, internalFailure, missingField, invalidSetting, invalidPath, invalidCI, invalidPhone,
        invalidDate, wrongFieldCount, brokenQuote, unterminatedQuote, invalidUTF8, nulByte, unknownItem, timeout,
    ]
}
