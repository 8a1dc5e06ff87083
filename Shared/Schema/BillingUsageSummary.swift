import Foundation

/// Reads the usage billed to a month so far, per item (adjustments listed with their usage month).
public struct UsageSummaryQuery: BusRequest {
    public typealias Reply = UsageSummary
    public static let messageType = MessageType.query("billing.usageSummary", handledBy: "billing")

    public var institution: String
    /// `YYYY-MM` (KST).
    public var month: String

    public init(institution: String, month: String) {
        self.institution = institution
        self.month = month
    }
}

/// Quantities recorded for a billing month.
public struct UsageSummary: BusMessage {
    public static let messageType = MessageType.reply("billing.usageSummary.reply")

    public struct Row: Codable, Sendable, Hashable {
        /// Price-book key (`sms.free` counts SMS paid with mileage).
        public var item: String
        public var usageMonth: String
        public var quantity: Int64

        public init(item: String, usageMonth: String, quantity: Int64) {
            self.item = item
            self.usageMonth = usageMonth
            self.quantity = quantity
        }
    }

    public var institution: String
    public var month: String
    /// Whether the month's invoice is issued (later usage goes to the next month).
    public var closed: Bool
    public var rows: [Row]

    public init(institution: String, month: String, closed: Bool, rows: [Row]) {
        self.institution = institution
        self.month = month
        self.closed = closed
        self.rows = rows
    }
}
