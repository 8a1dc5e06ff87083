/// Codes of the gateway: its own refusals on the bus (API keys) and the problems of its HTTP API
/// (`application/problem+json`, listed in the OpenAPI document).
extension ErrorCode {
    /// Only institution keys can be sandbox keys.
    public static let sandboxNotAllowed = ErrorCode("sandbox_not_allowed", .invalid)
    /// An institution key without an institution id.
    public static let institutionRequired = ErrorCode("institution_required", .invalid)
    /// An operator or auditor key given an institution id.
    public static let institutionNotAllowed = ErrorCode("institution_not_allowed", .invalid)
    /// No such route.
    public static let routeNotFound = ErrorCode("route_not_found", .notFound)
    /// The request body exceeds the limit.
    public static let bodyTooLarge = ErrorCode("body_too_large", .tooLarge)
    /// The route exists, not with this method.
    public static let methodNotAllowed = ErrorCode("method_not_allowed", .methodNotAllowed)
    /// A service did not answer in time.
    public static let upstreamTimeout = ErrorCode("upstream_timeout", .timeout)
    /// A service is not reachable, or the bus is busy or stopped; `Retry-After` says when to retry.
    public static let serviceUnavailable = ErrorCode("service_unavailable", .unavailable)
    /// A service answered something the gateway cannot read.
    public static let badUpstreamReply = ErrorCode("bad_upstream_reply", .failure)
    /// The body is not JSON.
    public static let malformedJSON = ErrorCode("malformed_json", .malformed)
    /// A JSON field of the wrong type or value; `field` names it.
    public static let invalidField = ErrorCode("invalid_field", .invalid)
    /// A body that is required is empty.
    public static let emptyBody = ErrorCode("empty_body", .malformed)
    /// An uploaded text file that is not UTF-8.
    public static let invalidEncoding = ErrorCode("invalid_encoding", .malformed)
    /// A path or query parameter that is missing or too long.
    public static let invalidParameter = ErrorCode("invalid_parameter", .malformed)
    /// A document certificate kind other than `original` or `registration`.
    public static let invalidCertificateKind = ErrorCode("invalid_certificate_kind", .invalid)
    /// A certificate serial that is not hexadecimal.
    public static let invalidSerial = ErrorCode("invalid_serial", .invalid)
    /// A month that is not `YYYY-MM`.
    public static let invalidMonth = ErrorCode("invalid_month", .invalid)
    /// An invoice format other than json, csv or html.
    public static let invalidFormat = ErrorCode("invalid_format", .invalid)
    /// No API key.
    public static let missingAPIKey = ErrorCode("missing_api_key", .unauthenticated)
    /// An API key that is unknown or revoked.
    public static let invalidAPIKey = ErrorCode("invalid_api_key", .unauthenticated)
    /// A key whose scope does not cover the route (not hidden: the caller knows its own key).
    public static let insufficientScope = ErrorCode("insufficient_scope", .denied)
    /// A sandbox key on a route that would bill or reach people.
    public static let sandboxKeyNotAllowed = ErrorCode("sandbox_key_not_allowed", .denied)
    /// Too many requests for this key; `Retry-After` says when to retry.
    public static let rateLimited = ErrorCode("rate_limited", .rateLimited)
    /// The upload could not be staged: the gateway itself failed.
    public static let stagingFailed = ErrorCode("staging_failed", .internalError)
    /// An institution key for an institution that was never onboarded (`POST /v1/institutions`).
    public static let institutionNotOnboarded = ErrorCode("institution_not_onboarded", .invalid)
    /// Re-onboarding an institution with another plan or `joinedOn`; `field` names which.
    public static let onboardingConflict = ErrorCode("onboarding_conflict", .conflict)
    /// A `joinedOn` after today (KST, by the gateway's clock).
    public static let dateInFuture = ErrorCode("date_in_future", .invalid)
    /// A text field with a NUL byte or invalid UTF-8 (X-7: refused, never altered); `field` names it.
    public static let invalidText = ErrorCode("invalid_text", .invalid)
    /// A text field longer than its limit (X-7: refused, never truncated); `field` names it.
    public static let tooLong = ErrorCode("too_long", .invalid)

    static let gateway: [ErrorCode] = [
        sandboxNotAllowed, institutionRequired, institutionNotAllowed, routeNotFound, bodyTooLarge, methodNotAllowed,
        upstreamTimeout, serviceUnavailable, badUpstreamReply, malformedJSON, invalidField, emptyBody, invalidEncoding,
        invalidParameter, invalidCertificateKind, invalidSerial, invalidMonth, invalidFormat, missingAPIKey,
        invalidAPIKey, insufficientScope, sandboxKeyNotAllowed, rateLimited, stagingFailed,
        institutionNotOnboarded, onboardingConflict, dateInFuture, invalidText, tooLong,
    ]
}
