/// Every message type of the notifier contract, for registries (the notifier's own and its callers').
public enum NotifierContract {
    public static let messageTypes: [MessageType] = [
        SubmitNotice.messageType, NoticeAccepted.messageType, NoticeStatusQuery.messageType, NoticeStatus.messageType,
        NoticeTimelineQuery.messageType, NoticeTimeline.messageType, DeliveryReceipt.messageType,
        OpenNotice.messageType, CoverPage.messageType, RequestOTP.messageType, OTPSent.messageType,
        VerifyOTP.messageType, OTPCheck.messageType, ConsentToTerms.messageType, TermsConsented.messageType,
        ViewNotice.messageType, NoticeView.messageType,
        StartCampaign.messageType, CampaignStarted.messageType, CampaignProgressQuery.messageType,
        CampaignProgress.messageType, ControlCampaign.messageType, CampaignControlled.messageType,
        CarrierInboxQuery.messageType, CarrierInbox.messageType, ProviderHealthQuery.messageType,
        ProviderHealthReport.messageType, SendSMS.messageType, SMSAccepted.messageType,
    ]
}

/// The notifier's stable `ErrorReply.code`s (and failure reasons in `NoticeStatus.reason`).
public enum NotifierErrorCode: String, Sendable, CaseIterable {
    /// No notice with this id for this institution (another institution's notice looks the same).
    case noticeNotFound = "notice_not_found"
    /// No campaign with this id for this institution.
    case campaignNotFound = "campaign_not_found"
    /// Same idempotency key, different body.
    case idempotencyConflict = "idempotency_conflict"
    /// Neither `ci` nor `phone`, or both.
    case missingRecipient = "missing_recipient"
    /// A CI that is not 88 characters of base64 (64 bytes).
    case invalidCI = "invalid_ci"
    /// Not a Korean mobile number.
    case invalidPhone = "invalid_phone"
    case emptyTitle = "empty_title"
    /// Title over 40 EUC-KR bytes (it is the LMS/MMS subject).
    case titleTooLong = "title_too_long"
    case emptyCover = "empty_cover"
    /// Text over what the largest allowed kind carries (2,000 EUC-KR bytes; KakaoTalk 1,000 characters).
    case messageTooLong = "message_too_long"
    /// Malformed document id.
    case invalidDocumentId = "invalid_document_id"
    /// The vault has no such document for this institution (a notice then ends `failed` with it).
    case documentNotFound = "document_not_found"
    /// A read deadline not in the future.
    case invalidDeadline = "invalid_deadline"
    case kakaoTemplateRequired = "kakao_template_required"
    case tooManyButtons = "too_many_buttons"
    /// An institution id that is empty or malformed.
    case invalidInstitution = "invalid_institution"
    /// Link token unknown, malformed or forged.
    case tokenInvalid = "token_invalid"
    /// The notice is expired, failed or cancelled: the link no longer opens it.
    case noticeExpired = "notice_expired"
    case otpWrong = "otp_wrong"
    case otpExpired = "otp_expired"
    case otpLocked = "otp_locked"
    /// Too many codes requested (5 per 30 minutes).
    case otpRateLimited = "otp_rate_limited"
    /// OTP session unknown, expired or of another notice.
    case sessionInvalid = "session_invalid"
    case consentRequired = "consent_required"
    case consentDeclined = "consent_declined"
    case termsVersionMismatch = "terms_version_mismatch"
    /// The CSV file cannot be opened.
    case csvUnreadable = "csv_unreadable"
    /// A CSV row (or the header) that does not parse, e.g. a broken quote; carries `line`.
    case csvMalformed = "csv_malformed"
    /// Control of a cancelled campaign.
    case campaignFinished = "campaign_finished"
    /// Failure reason: not final 72 h after sending.
    case timeout
    /// Failure reason: the campaign was cancelled before it went.
    case cancelled
    /// Failure reason: every provider and fallback channel refused it.
    case undeliverable

    /// The refusal for this code.
    public func reply(_ message: String, field: String? = nil, line: Int? = nil) -> ErrorReply {
        ErrorReply(code: rawValue, message: message, field: field, line: line)
    }
}
