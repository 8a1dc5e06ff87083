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

    /// Stable machine code, e.g. `invalid_ci`, `unknown_message_type`.
    public var code: String
    /// Human-readable explanation; never contains personal data.
    public var message: String
    /// The offending field, when one is to blame.
    public var field: String?
    /// The line of an uploaded file, when one is to blame (1-based).
    public var line: Int?

    public init(code: String, message: String, field: String? = nil, line: Int? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.line = line
    }

    /// A refusal with a typed code (see `ErrorCode`).
    public init(code: ErrorCode, message: String, field: String? = nil, line: Int? = nil) {
        self.init(code: code.rawValue, message: message, field: field, line: line)
    }

    /// The typed code (an unknown wire string has kind `.invalid`).
    public var errorCode: ErrorCode { ErrorCode(wire: code) }

    public var description: String {
        var text = "\(code): \(message)"
        if let field { text += " (field \(field))" }
        if let line { text += " (line \(line))" }
        return text
    }
}
