/// Codes of the vault: documents, access, evidence, certificates.
extension ErrorCode {
    /// An id that is not 1–128 characters of `A-Z a-z 0-9 . _ : -`, or a package id outside the arc.
    public static let invalidId = ErrorCode("invalid_id", .invalid)
    /// A kind that is not one of the accepted ones (VA-1).
    public static let unsupportedKind = ErrorCode("unsupported_kind", .invalid)
    /// The first bytes do not match the declared kind (VA-1).
    public static let kindMismatch = ErrorCode("kind_mismatch", .invalid)
    /// A blob could not be written (disk, folder): the vault failed.
    public static let blobWriteFailed = ErrorCode("blob_write_failed", .failure)
    /// The document was destroyed; it reads as gone.
    public static let documentDestroyed = ErrorCode("document_destroyed", .notFound)
    /// A document too large to travel in one bus message (it is read as a file).
    public static let tooLargeForBus = ErrorCode("too_large_for_bus", .tooLarge)
    /// The stored bytes no longer decrypt or match their hash, or their key is missing.
    public static let integrityFailure = ErrorCode("integrity_failure", .failure)
    /// A document of 0 bytes.
    public static let emptyDocument = ErrorCode("empty_document", .invalid)
    /// A document over the size limit.
    public static let documentTooLarge = ErrorCode("document_too_large", .tooLarge)
    /// The staged file changed while it was read.
    public static let fileChanged = ErrorCode("file_changed", .invalid)
    /// A title that is not 1–500 characters.
    public static let invalidTitle = ErrorCode("invalid_title", .invalid)
    /// Too many keywords, or a description or file name too long.
    public static let invalidMetadata = ErrorCode("invalid_metadata", .invalid)
    /// `retentionYears` not in 1–100.
    public static let invalidRetention = ErrorCode("invalid_retention", .invalid)
    /// The staged file cannot be opened.
    public static let fileNotFound = ErrorCode("file_not_found", .notFound)
    /// Destruction of a document already destroyed.
    public static let alreadyDestroyed = ErrorCode("already_destroyed", .conflict)
    /// Destruction of a document under legal hold.
    public static let legalHold = ErrorCode("legal_hold", .conflict)
    /// Destruction before the retention period is over.
    public static let retentionNotExpired = ErrorCode("retention_not_expired", .conflict)
    /// A grant whose expiry is not in the future.
    public static let invalidExpiry = ErrorCode("invalid_expiry", .invalid)
    /// A destruction certificate for a document that was not destroyed.
    public static let notDestroyed = ErrorCode("not_destroyed", .invalid)
    /// A delivery certificate without `noticeId`.
    public static let missingNotice = ErrorCode("missing_notice", .invalid)
    /// A delivery certificate for a notice without delivery evidence.
    public static let noDeliveryEvidence = ErrorCode("no_delivery_evidence", .invalid)
    /// A checkpoint or consistency-proof request with tree sizes out of order or beyond the log.
    public static let invalidTreeSize = ErrorCode("invalid_tree_size", .invalid)
    /// `songdal bench vault`: the audit after the run found problems.
    public static let benchmarkAuditFailed = ErrorCode("benchmark_audit_failed", .failure)
    /// `songdal bench vault`: certificates failed to verify.
    public static let benchmarkVerifyFailed = ErrorCode("benchmark_verify_failed", .failure)

    static let vault: [ErrorCode] = [
        invalidId, unsupportedKind, kindMismatch, blobWriteFailed, documentDestroyed, tooLargeForBus, integrityFailure,
        emptyDocument, documentTooLarge, fileChanged, invalidTitle, invalidMetadata, invalidRetention, fileNotFound,
        alreadyDestroyed, legalHold, retentionNotExpired, invalidExpiry, notDestroyed, missingNotice, noDeliveryEvidence,
        invalidTreeSize, benchmarkAuditFailed, benchmarkVerifyFailed,
    ]
}
