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
            case .notFound: return Problem(.notFound, code: "route_not_found", detail: "no such route")
            case .contentTooLarge: return Problem(.contentTooLarge, code: "body_too_large", detail: "the request body is too large")
            case .methodNotAllowed: return Problem(.methodNotAllowed, code: "method_not_allowed", detail: "method not allowed")
            default: return Problem(http.status, code: "http_\(http.status.code)", detail: http.body ?? http.status.reasonPhrase)
            }
        case let decoding as DecodingError: return problem(for: decoding)
        default: return Problem(.internalServerError, code: "internal", detail: "the gateway failed to answer")
        }
    }

    /// A service's refusal. `forbidden` becomes 404: another institution's id must look exactly
    /// like an unknown one.
    static func problem(for reply: ErrorReply) -> Problem {
        let status: HTTPResponse.Status
        switch reply.code {
        case "not_found", "forbidden", "document_destroyed": status = .notFound
        case let code where code.hasSuffix("_not_found"): status = .notFound
        case "document_too_large", "too_large_for_bus", "batch_too_large": status = .contentTooLarge
        case "legal_hold", "already_destroyed", "already_released", "retention_not_expired", "same_operator",
             "idempotency_conflict", "conflict", "invalid_state", "campaign_finished":
            status = .conflict
        case "internal", "integrity_failure": status = .badGateway
        default: status = .unprocessableContent
        }
        // Unknown and foreign ids answer byte for byte the same.
        let hidden = reply.code == "forbidden" || reply.code == "not_found"
        let code = hidden ? "not_found" : reply.code
        let detail = hidden ? "not found" : reply.message
        return Problem(status, code: code, detail: detail, field: reply.field, line: reply.line)
    }

    static func problem(for error: BusError) -> Problem {
        switch error {
        case .rejected(let reply): return problem(for: reply)
        case .timeout(_, let destination):
            return Problem(.gatewayTimeout, code: "upstream_timeout", detail: "\(destination) did not answer in time")
        case .unroutable(let destination, _):
            return Problem(.serviceUnavailable, code: "service_unavailable", detail: "\(destination) is not reachable",
                           headers: ["Retry-After": "5"])
        case .notRunning, .backPressure:
            return Problem(.serviceUnavailable, code: "service_unavailable", detail: "the bus is busy or stopped",
                           headers: ["Retry-After": "1"])
        case .malformedPayload, .malformedFrame, .malformedHeader, .unknownMessageType, .unsupportedVersion:
            return Problem(.badGateway, code: "bad_upstream_reply", detail: error.description)
        }
    }

    /// Says which field was wrong, never the value (it may be personal).
    static func problem(for error: DecodingError) -> Problem {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .badRequest("malformed_json", "the body is not valid JSON")
        case .typeMismatch(let type, let context):
            return .invalid("invalid_field", "\(path(context)): expected \(type)", field: path(context))
        case .valueNotFound(_, let context):
            return .invalid("missing_field", "\(path(context)) is required", field: path(context))
        case .keyNotFound(let key, let context):
            let field = (path(context).isEmpty ? "" : path(context) + ".") + key.stringValue
            return .invalid("missing_field", "\(field) is required", field: field)
        case .dataCorrupted(let context):
            return .invalid("invalid_field", "\(path(context)): \(context.debugDescription)", field: path(context))
        @unknown default:
            return .badRequest("malformed_json", "the body could not be decoded")
        }
    }
}
