/// Codes of the identity service: directory, sync imports, consent and disclosure ledger.
extension ErrorCode {
    /// No line with this CI and phone.
    public static let lineNotFound = ErrorCode("line_not_found", .notFound)
    /// The new number belongs to another line.
    public static let phoneInUse = ErrorCode("phone_in_use", .invalid)
    /// More CIs in one resolve batch than allowed.
    public static let batchTooLarge = ErrorCode("batch_too_large", .tooLarge)
    /// `noticeIds` must have one entry per CI.
    public static let countMismatch = ErrorCode("count_mismatch", .invalid)
    /// A lawful-access request without a warrant reference.
    public static let warrantRequired = ErrorCode("warrant_required", .invalid)
    /// No lawful-access request with this id.
    public static let requestNotFound = ErrorCode("request_not_found", .notFound)
    /// The approving operator is the requesting one (two different operators are needed).
    public static let sameOperator = ErrorCode("same_operator", .conflict)
    /// The lawful-access request was already approved and released.
    public static let alreadyReleased = ErrorCode("already_released", .conflict)
    /// No consent with this id.
    public static let consentNotFound = ErrorCode("consent_not_found", .notFound)
    /// No live consent of this person covers the release.
    public static let noConsent = ErrorCode("no_consent", .invalid)
    /// A full sync that does not name its carrier.
    public static let carrierRequired = ErrorCode("carrier_required", .invalid)
    /// A sync row of another carrier than the file's.
    public static let carrierMismatch = ErrorCode("carrier_mismatch", .invalid)
    /// A carrier (or MVNO host) that is not KT, SKT or LGU.
    public static let unknownCarrier = ErrorCode("unknown_carrier", .invalid)
    /// A line kind that is not personal, corporate or feature2G.
    public static let invalidLineKind = ErrorCode("invalid_line_kind", .invalid)
    /// A line status that is not active or cancelled.
    public static let invalidStatus = ErrorCode("invalid_status", .invalid)
    /// The sync file cannot be read.
    public static let unreadableFile = ErrorCode("unreadable_file", .invalid)
    /// No import job with this id.
    public static let jobNotFound = ErrorCode("job_not_found", .notFound)
    /// The store refused the import (an import job's failure).
    public static let importFailed = ErrorCode("import_failed", .failure)

    static let identity: [ErrorCode] = [
        lineNotFound, phoneInUse, batchTooLarge, countMismatch, warrantRequired, requestNotFound, sameOperator,
        alreadyReleased, consentNotFound, noConsent, carrierRequired, carrierMismatch, unknownCarrier, invalidLineKind,
        invalidStatus, unreadableFile, jobNotFound, importFailed,
    ]
}
