import Formats
import Schema

/// Why a guarantee, member or recipient was refused (SPEC X-3). Each case has a stable code and,
/// on the bus, becomes an `ErrorReply` (with the CSV line when it came from a file). Messages
/// never echo the value: it may be personal data.
public enum ReminderInputError: Error, Equatable, Sendable {
    case invalidBusinessNumber
    case invalidMobile(field: String)
    case invalidDate(field: String)
    case endBeforeStart
    case negativeAmount
    case invalidAmount
    case unknownKind
    case missingField(String)
    case fieldCount(expected: Int, found: Int)
    case brokenQuote
    /// A record the shared CSV reader could not read (quotes, encoding, field count).
    case csv(CSVError)
    case unknownMember
    case unknownRecipient

    /// Stable snake_case code.
    public var code: String {
        switch self {
        case .invalidBusinessNumber: "invalid_business_number"
        case .invalidMobile: "invalid_mobile"
        case .invalidDate: "invalid_date"
        case .endBeforeStart: "end_before_start"
        case .negativeAmount: "negative_amount"
        case .invalidAmount: "invalid_amount"
        case .unknownKind: "unknown_kind"
        case .missingField: "missing_field"
        case .fieldCount: "wrong_field_count"
        case .brokenQuote: "broken_quote"
        case .csv(let error): error.code
        case .unknownMember: "unknown_member"
        case .unknownRecipient: "unknown_recipient"
        }
    }

    public var field: String? {
        switch self {
        case .invalidBusinessNumber, .unknownMember: "business_number"
        case .invalidMobile(let field), .invalidDate(let field), .missingField(let field): field
        case .endBeforeStart: "end_date"
        case .negativeAmount, .invalidAmount: "amount"
        case .unknownKind: "kind"
        case .unknownRecipient: "recipient_key"
        case .fieldCount, .brokenQuote, .csv: nil
        }
    }

    public var message: String {
        switch self {
        case .invalidBusinessNumber: "business registration number is malformed or fails its check digit"
        case .invalidMobile: "not a Korean mobile number"
        case .invalidDate: "not a valid YYYY-MM-DD date"
        case .endBeforeStart: "end date is before start date"
        case .negativeAmount: "amount must not be negative"
        case .invalidAmount: "amount is not a whole number of won"
        case .unknownKind: "unknown guarantee kind; use one of " + GuaranteeKind.allCases.map(\.rawValue).joined(separator: ", ")
        case .missingField(let field): "\(field) is empty"
        case .fieldCount(let expected, let found): "expected \(expected) fields, found \(found)"
        case .brokenQuote: "unterminated or misplaced quote"
        case .csv(let error): error.reason
        case .unknownMember: "no member with this business registration number"
        case .unknownRecipient: "no such recipient for this member"
        }
    }

    /// The bus form, with the file line when there is one.
    public func reply(line: Int? = nil) -> ErrorReply {
        ErrorReply(code: code, message: message, field: field, line: line)
    }
}
