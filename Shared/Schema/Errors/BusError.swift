/// Why the bus could not carry or accept a message. Every case is something an operator or a
/// caller can act on; none of them carries a payload, which may hold personal data.
public enum BusError: Error, Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// A frame sequence that is not the Songdal wire protocol.
    case malformedFrame(String)
    /// A header that does not decode.
    case malformedHeader(String)
    /// A payload that does not decode as its registered type.
    case malformedPayload(type: String, reason: String)
    /// A type name nobody registered.
    case unknownMessageType(String)
    /// A payload version newer than this receiver understands.
    case unsupportedVersion(type: String, version: UInt16)
    /// The broker knows no connected peer for the destination.
    case unroutable(destination: String, reason: String)
    /// No answer within the deadline (after all retries).
    case timeout(type: String, destination: String)
    /// The endpoint is stopped or was never started.
    case notRunning
    /// Too many unacknowledged messages for a destination.
    case backPressure(destination: String)
    /// The receiver refused the request with a typed error.
    case rejected(ErrorReply)

    public var description: String {
        switch self {
        case .malformedFrame(let reason): "malformed frame: \(reason)"
        case .malformedHeader(let reason): "malformed header: \(reason)"
        case .malformedPayload(let type, let reason): "malformed \(type) payload: \(reason)"
        case .unknownMessageType(let name): "unknown message type \(name)"
        case .unsupportedVersion(let type, let version): "unsupported version \(version) of \(type)"
        case .unroutable(let destination, let reason): "cannot route to \(destination): \(reason)"
        case .timeout(let type, let destination): "no answer from \(destination) to \(type)"
        case .notRunning: "bus endpoint is not running"
        case .backPressure(let destination): "too many unacknowledged messages for \(destination)"
        case .rejected(let reply): "rejected: \(reply)"
        }
    }

    /// The error as a reply payload for the sender.
    public var errorReply: ErrorReply {
        switch self {
        case .rejected(let reply): reply
        case .malformedPayload: ErrorReply(code: .malformedPayload, message: description)
        case .unknownMessageType: ErrorReply(code: .unknownMessageType, message: description)
        case .unsupportedVersion: ErrorReply(code: .unsupportedVersion, message: description)
        case .malformedHeader, .malformedFrame: ErrorReply(code: .malformedMessage, message: description)
        case .unroutable: ErrorReply(code: .unroutable, message: description)
        case .timeout: ErrorReply(code: .timeout, message: description)
        case .notRunning: ErrorReply(code: .notRunning, message: description)
        case .backPressure: ErrorReply(code: .backPressure, message: description)
        }
    }
}
