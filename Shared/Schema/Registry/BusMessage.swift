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

    public var description: String {
        var text = "\(code): \(message)"
        if let field { text += " (field \(field))" }
        if let line { text += " (line \(line))" }
        return text
    }
}

/// JSON coding of payloads, with the settings every service shares (ISO-8601 dates in UTC, sorted
/// keys so the same value always gives the same bytes).
public enum PayloadCodec {
    public static func encode<M: Encodable>(_ value: M) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }

    public static func decode<M: Decodable>(_ type: M.Type, from bytes: [UInt8]) throws(BusError) -> M {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        do {
            return try decoder.decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw .malformedPayload(type: String(describing: type), reason: Self.describe(error))
        } catch {
            throw .malformedPayload(type: String(describing: type), reason: "\(error)")
        }
    }

    /// One line saying which field was wrong and how, without echoing the value (it may be personal).
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return keys.isEmpty ? "payload" : keys.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)): missing \(type)"
        case .keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue): missing"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "undecodable payload"
        }
    }
}
