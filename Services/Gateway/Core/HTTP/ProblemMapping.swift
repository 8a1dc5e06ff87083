import Foundation
import Hummingbird
import Schema

/// Turns whatever a handler threw into the problem the client sees. Bad input is always a 4xx
/// with a code; only a bus that cannot answer is a 5xx (502/503/504), and nothing is a bare 500
/// unless the gateway itself is broken.
enum ProblemMapping {
    static func problem(for error: any Error) -> Problem {
        switch error {
        case let problem as Problem: return problem
        case let reply as ErrorReply: return problem(for: reply)
        case let bus as BusError: return problem(for: bus)
        case let http as HTTPError:
            switch http.status {
            case .notFound: return Problem(.notFound, code: .routeNotFound, detail: "no such route")
            case .contentTooLarge: return Problem(.contentTooLarge, code: .bodyTooLarge, detail: "the request body is too large")
            case .methodNotAllowed: return Problem(.methodNotAllowed, code: .methodNotAllowed, detail: "method not allowed")
            default: return Problem(http.status, code: ErrorCode(wire: "http_\(http.status.code)"), detail: http.body ?? http.status.reasonPhrase)
            }
        case let decoding as DecodingError: return problem(for: decoding)
        default: return Problem(.internalServerError, code: .internalFailure, detail: "the gateway failed to answer")
        }
    }

    /// A service's refusal: its code's kind decides the status. A `forbidden` (another
    /// institution's id) answers exactly like every not-found code, byte for byte: 404
    /// `not_found`, detail "not found", no field, so the refusal says nothing about who owns the id.
    static func problem(for reply: ErrorReply) -> Problem {
        // Every not-found code too (document_not_found, notice_not_found, …): a service that
        // answers "unknown" with its own code must not differ from another tenant's "forbidden".
        if reply.code.kind == .forbidden || reply.code.kind == .notFound {
            return Problem(.notFound, code: .notFound, detail: "not found")
        }
        return Problem(status(for: reply.code.kind), code: reply.code, detail: reply.message, field: reply.field,
                       line: reply.line)
    }

    /// The HTTP status of each kind of code (`ErrorCode.Kind.httpStatus` documents the same numbers).
    static func status(for kind: ErrorCode.Kind) -> HTTPResponse.Status {
        switch kind {
        case .notFound, .forbidden: .notFound
        case .conflict: .conflict
        case .invalid: .unprocessableContent
        case .tooLarge: .contentTooLarge
        case .unavailable: .serviceUnavailable
        case .timeout: .gatewayTimeout
        case .failure: .badGateway
        case .malformed: .badRequest
        case .unauthenticated: .unauthorized
        case .denied: .forbidden
        case .methodNotAllowed: .methodNotAllowed
        case .rateLimited: .tooManyRequests
        case .internalError: .internalServerError
        }
    }

    static func problem(for error: BusError) -> Problem {
        switch error {
        case .rejected(let reply): return problem(for: reply)
        case .timeout(_, let destination):
            return Problem(.gatewayTimeout, code: .upstreamTimeout, detail: "\(destination) did not answer in time")
        case .unroutable(let destination, _):
            return Problem(.serviceUnavailable, code: .serviceUnavailable, detail: "\(destination) is not reachable",
                           headers: ["Retry-After": "5"])
        case .notRunning, .backPressure:
            return Problem(.serviceUnavailable, code: .serviceUnavailable, detail: "the bus is busy or stopped",
                           headers: ["Retry-After": "1"])
        case .malformedPayload, .malformedFrame, .malformedHeader, .unknownMessageType, .unsupportedVersion:
            return Problem(.badGateway, code: .badUpstreamReply, detail: error.description)
        }
    }

    /// Says which field was wrong, never the value (it may be personal).
    static func problem(for error: DecodingError) -> Problem {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .badRequest(.malformedJSON, "the body is not valid JSON")
        case .typeMismatch(let type, let context):
            return .invalid(.invalidField, "\(path(context)): expected \(type)", field: path(context))
        case .valueNotFound(_, let context):
            return .invalid(.missingField, "\(path(context)) is required", field: path(context))
        case .keyNotFound(let key, let context):
            let field = (path(context).isEmpty ? "" : path(context) + ".") + key.stringValue
            return .invalid(.missingField, "\(field) is required", field: field)
        case .dataCorrupted(let context):
            return .invalid(.invalidField, "\(path(context)): \(context.debugDescription)", field: path(context))
        @unknown default:
            return .badRequest(.malformedJSON, "the body could not be decoded")
        }
    }
}
