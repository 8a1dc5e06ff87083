import Foundation

/// Reads an account's SMS mileage (BI-5): balance now and the history.
///
/// Mileage is earned by `mileage.credit` usage events (one credit per issued guarantee, valid one
/// year) and spent by `sms.sent` usage events: billing spends the oldest unexpired credits first,
/// and only what no credit covers is charged at the SMS rate. Nobody has to ask before sending.
public struct MileageQuery: BusRequest {
    public typealias Reply = MileageStatement
    public static let messageType = MessageType.query("billing.mileage", handledBy: "billing")

    public var institution: String
    /// Most recent history entries returned (default 100).
    public var historyLimit: Int?

    public init(institution: String, historyLimit: Int? = nil) {
        self.institution = institution
        self.historyLimit = historyLimit
    }
}

/// One movement of mileage.
public struct MileageEntry: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        /// A credit earned (quantity > 0).
        case earned
        /// Free SMS paid with credits (quantity < 0).
        case spent
        /// SMS beyond the credits, charged at the SMS rate (quantity: messages charged).
        case charged
        /// Credits that reached their end unused (quantity < 0).
        case expired
    }

    public var kind: Kind
    public var quantity: Int64
    public var at: Date
    /// The usage event behind it.
    public var eventId: String?
    /// For earned credits: when they lapse.
    public var expiresAt: Date?

    public init(kind: Kind, quantity: Int64, at: Date, eventId: String? = nil, expiresAt: Date? = nil) {
        self.kind = kind
        self.quantity = quantity
        self.at = at
        self.eventId = eventId
        self.expiresAt = expiresAt
    }
}

/// Balance (never negative) and history, newest first.
public struct MileageStatement: BusMessage {
    public static let messageType = MessageType.reply("billing.mileage.reply")
    public var institution: String
    public var balance: Int64
    public var asOf: Date
    public var history: [MileageEntry]

    public init(institution: String, balance: Int64, asOf: Date, history: [MileageEntry]) {
        self.institution = institution
        self.balance = balance
        self.asOf = asOf
        self.history = history
    }
}
