/// A stable machine code of a refusal (`ErrorReply.code`), of a rejected row, or of a notice's
/// failure reason. It travels as its plain snake_case string (`"notice_not_found"`), so the bus
/// wire format is that of a string; its `kind` is known only to this schema and decides the HTTP
/// status the gateway answers (`Kind.httpStatus`).
///
/// Every code is a `static let` in the extension of its domain (`ErrorCode+Bus.swift`,
/// `ErrorCode+Identity.swift`, …) and listed in `ErrorCode.all`. A code this build does not know
/// (sent by an older or newer peer, or read back from a store) decodes with kind `.invalid`,
/// never fails.
///
/// Two codes are equal when their wire strings are equal.
public struct ErrorCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What a code says about the request; it decides the HTTP status.
    public enum Kind: String, Sendable, CaseIterable {
        /// The thing asked for does not exist (for the caller): 404.
        case notFound
        /// The thing belongs to someone else: 404, answered byte for byte like `not_found`.
        case forbidden
        /// The request is well formed but clashes with the current state: 409.
        case conflict
        /// The request breaks a rule of its contract (and any code this build does not know): 422.
        case invalid
        /// The request or the thing asked for is too large: 413.
        case tooLarge
        /// The service, the bus or a peer cannot take the request now: 503.
        case unavailable
        /// A peer did not answer in time: 504.
        case timeout
        /// The service failed: its store, its stored bytes (integrity) or a peer's reply: 502.
        case failure
        /// The HTTP request itself is malformed (gateway): 400.
        case malformed
        /// No API key, or an unknown one (gateway): 401.
        case unauthenticated
        /// The key is known but may not do this (gateway): 403. Unlike `forbidden`, not hidden.
        case denied
        /// The route exists but not with this method (gateway): 405.
        case methodNotAllowed
        /// Too many requests; retry later: 429.
        case rateLimited
        /// The gateway itself failed: 500.
        case internalError

        /// The HTTP status the gateway answers for a code of this kind.
        public var httpStatus: Int {
            switch self {
            case .notFound, .forbidden: 404
            case .conflict: 409
            case .invalid: 422
            case .tooLarge: 413
            case .unavailable: 503
            case .timeout: 504
            case .failure: 502
            case .malformed: 400
            case .unauthenticated: 401
            case .denied: 403
            case .methodNotAllowed: 405
            case .rateLimited: 429
            case .internalError: 500
            }
        }
    }

    /// The wire string, e.g. `notice_not_found`.
    public let rawValue: String
    /// What the code says; decides the HTTP status.
    public let kind: Kind

    /// Declares a known code; only the domain extensions of this module do.
    init(_ rawValue: String, _ kind: Kind) {
        self.rawValue = rawValue
        self.kind = kind
    }

    /// The code a wire string (or a stored one) names: the known code with its kind, or an unknown
    /// code of kind `.invalid`.
    public init(wire: String) {
        self = Self.known[wire] ?? ErrorCode(wire, .invalid)
    }

    /// Whether this build declares the code (false for a code from a newer or older peer).
    public var isKnown: Bool { Self.known[rawValue] != nil }

    public var description: String { rawValue }

    public static func == (lhs: ErrorCode, rhs: ErrorCode) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public init(from decoder: any Decoder) throws {
        self.init(wire: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The refusal with this code.
    public func reply(_ message: String, field: String? = nil, line: Int? = nil) -> ErrorReply {
        ErrorReply(code: self, message: message, field: field, line: line)
    }

    /// Every code this build declares, domain by domain.
    public static let all: [ErrorCode] = common + bus + identity + vault + notifier + billing + reminder + gateway

    private static let known: [String: ErrorCode] = Dictionary(all.map { ($0.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
}
