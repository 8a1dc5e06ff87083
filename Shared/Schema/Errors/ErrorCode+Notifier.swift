/// Codes of the notifier: notices, campaigns, the recipient's walk, plain SMS; and the failure
/// reasons of a notice (`NoticeStatus.reason`).
extension ErrorCode {
    /// No notice with this id for this institution (another institution's notice looks the same).
    public static let noticeNotFound = ErrorCode("notice_not_found", .notFound)
    /// No campaign with this id for this institution.
    public static let campaignNotFound = ErrorCode("campaign_not_found", .notFound)
    /// Same idempotency key, different body.
    public static let idempotencyConflict = ErrorCode("idempotency_conflict", .conflict)
    /// An idempotency key that is not 1–200 bytes.
    public static let invalidIdempotencyKey = ErrorCode("invalid_idempotency_key", .invalid)
    /// Neither `ci` nor `phone`, or both.
    public static let missingRecipient = ErrorCode("missing_recipient", .invalid)
    /// An empty title.
    public static let emptyTitle = ErrorCode("empty_title", .invalid)
    /// Title over 40 EUC-KR bytes (it is the LMS/MMS subject).
    public static let titleTooLong = ErrorCode("title_too_long", .invalid)
    /// An empty cover text.
    public static let emptyCover = ErrorCode("empty_cover", .invalid)
    /// An empty SMS text.
    public static let emptyText = ErrorCode("empty_text", .invalid)
    /// Text over what the largest allowed kind carries (2,000 EUC-KR bytes; KakaoTalk 1,000 characters).
    public static let messageTooLong = ErrorCode("message_too_long", .invalid)
    /// Malformed document id.
    public static let invalidDocumentId = ErrorCode("invalid_document_id", .invalid)
    /// The vault has no such document for this institution (a notice then ends `failed` with it).
    public static let documentNotFound = ErrorCode("document_not_found", .notFound)
    /// A read deadline not in the future (or not a date).
    public static let invalidDeadline = ErrorCode("invalid_deadline", .invalid)
    /// KakaoTalk without an approved template code.
    public static let kakaoTemplateRequired = ErrorCode("kakao_template_required", .invalid)
    /// More KakaoTalk buttons than allowed.
    public static let tooManyButtons = ErrorCode("too_many_buttons", .invalid)
    /// An institution id that is empty or malformed.
    public static let invalidInstitution = ErrorCode("invalid_institution", .invalid)
    /// Link token unknown, malformed or forged.
    public static let tokenInvalid = ErrorCode("token_invalid", .invalid)
    /// The notice is expired, failed or cancelled: the link no longer opens it.
    public static let noticeExpired = ErrorCode("notice_expired", .invalid)
    /// A wrong one-time code.
    public static let otpWrong = ErrorCode("otp_wrong", .invalid)
    /// A one-time code past its lifetime.
    public static let otpExpired = ErrorCode("otp_expired", .invalid)
    /// Too many wrong codes: the notice is locked for a while.
    public static let otpLocked = ErrorCode("otp_locked", .invalid)
    /// Too many codes requested (5 per 30 minutes).
    public static let otpRateLimited = ErrorCode("otp_rate_limited", .rateLimited)
    /// OTP session unknown, expired or of another notice.
    public static let sessionInvalid = ErrorCode("session_invalid", .invalid)
    /// The document is viewed before the terms were agreed.
    public static let consentRequired = ErrorCode("consent_required", .invalid)
    /// The terms were declined.
    public static let consentDeclined = ErrorCode("consent_declined", .invalid)
    /// Agreement to terms that are not the current version.
    public static let termsVersionMismatch = ErrorCode("terms_version_mismatch", .invalid)
    /// The CSV file cannot be opened.
    public static let csvUnreadable = ErrorCode("csv_unreadable", .invalid)
    /// A CSV row (or the header) that does not parse, e.g. a broken quote; carries `line`.
    public static let csvMalformed = ErrorCode("csv_malformed", .invalid)
    /// Control of a cancelled campaign.
    public static let campaignFinished = ErrorCode("campaign_finished", .conflict)
    /// A change of a notice's state that NO-2 does not allow now (illegal edge, end state, stale read).
    public static let transitionRefused = ErrorCode("transition_refused", .conflict)
    /// The store holds a notice state this version does not know (a corrupt row or a newer writer).
    public static let noticeStateUnknown = ErrorCode("notice_state_unknown", .failure)
    /// Failure reason: the campaign was cancelled before the notice went.
    public static let cancelled = ErrorCode("cancelled", .conflict)
    /// Failure reason: every provider and fallback channel refused the notice.
    public static let undeliverable = ErrorCode("undeliverable", .failure)

    static let notifier: [ErrorCode] = [
        noticeNotFound, campaignNotFound, idempotencyConflict, invalidIdempotencyKey, missingRecipient, emptyTitle,
        titleTooLong, emptyCover, emptyText, messageTooLong, invalidDocumentId, documentNotFound, invalidDeadline,
        kakaoTemplateRequired, tooManyButtons, invalidInstitution, tokenInvalid, noticeExpired, otpWrong, otpExpired,
        otpLocked, otpRateLimited, sessionInvalid, consentRequired, consentDeclined, termsVersionMismatch,
        csvUnreadable, csvMalformed, campaignFinished, transitionRefused, noticeStateUnknown, cancelled,
        undeliverable,
    ]
}
