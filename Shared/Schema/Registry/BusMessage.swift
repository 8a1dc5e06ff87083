import Foundation

/// A payload type of the shared schema. Each service contract declares its messages as
/// `BusMessage` types in its own `Shared/Schema/<Service>*.swift` file.
public protocol BusMessage: Codable, Sendable {
    /// The registered type this payload travels as.
    static var messageType: MessageType { get }
}

/// A command or query that expects an answer of type `Reply`.
public protocol BusRequest: BusMessage {
    associatedtype Reply: BusMessage
}

/// The reply a handler sends when it refuses a request: a typed, stable error.
public struct ErrorReply: BusMessage, Error, Hashable, CustomStringConvertible {
    public static let messageType = MessageType.reply("bus.error")

    /// Stable machine code, e.g. `invalid_ci`, `unknown_message_type`; travels as its string.
    public var code: ErrorCode
    /// Human-readable explanation; never contains personal data.
    public var message: String
    /// The offending field, when one is to blame.
    public var field: String?
    /// The line of an uploaded file, when one is to blame (1-based).
    public var line: Int?

    public init(code: ErrorCode, message: String, field: String? = nil, line: Int? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.line = line
    }

    /// Transition only, for code still being converted: declare the code in `ErrorCode+<Domain>.swift`
    /// and pass the static instead.
    @available(*, deprecated, message: "use a static ErrorCode (ErrorCode+<Domain>.swift)")
    public init(code: String, message: String, field: String? = nil, line: Int? = nil) {
        self.init(code: ErrorCode(wire: code), message: message, field: field, line: line)
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let field { text += " (field \(field))" }
        if let line { text += " (line \(line))" }
        return text
    }
}
