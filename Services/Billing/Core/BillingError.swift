import Schema

/// Bad input to billing, each with a stable snake_case code.
public enum BillingError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownInstitution(String)
    case negativeQuantity(eventId: String)
    case unknownItem(String)
    case malformedMonth(String, field: String)
    case malformedDate(String, field: String)
    case invalidSubscription(String, field: String)
    case monthNotOver(String)
    case missingEventId
    case noRate(item: String, month: String)

    public var code: ErrorCode {
        switch self {
        case .unknownInstitution: .unknownInstitution
        case .negativeQuantity: .negativeQuantity
        case .unknownItem: .unknownItem
        case .malformedMonth: .malformedMonth
        case .malformedDate: .malformedDate
        case .invalidSubscription: .invalidSubscription
        case .monthNotOver: .monthNotOver
        case .missingEventId: .missingEventId
        case .noRate: .noRate
        }
    }

    public var field: String? {
        switch self {
        case .unknownInstitution: "institution"
        case .negativeQuantity: "quantity"
        case .unknownItem: "item"
        case .malformedMonth(_, let field), .malformedDate(_, let field), .invalidSubscription(_, let field): field
        case .monthNotOver: "month"
        case .missingEventId: "eventId"
        case .noRate: "item"
        }
    }

    public var description: String {
        switch self {
        case .unknownInstitution: "no subscription for this institution"
        case .negativeQuantity(let id): "usage event \(id) has a negative quantity"
        case .unknownItem(let item): "unknown billable item \(item)"
        case .malformedMonth(let text, _): "not a YYYY-MM month: \(text.prefix(20))"
        case .malformedDate(let text, _): "not a YYYY-MM-DD date: \(text.prefix(20))"
        case .invalidSubscription(let reason, _): reason
        case .monthNotOver(let month): "month \(month) is not over yet (KST)"
        case .missingEventId: "usage event without an event id"
        case .noRate(let item, let month): "the price book has no rate for \(item) in \(month)"
        }
    }

    /// The error as it travels on the bus.
    public var reply: ErrorReply { ErrorReply(code: code, message: description, field: field) }
}
