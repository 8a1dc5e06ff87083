import Foundation
import HTTPTypes
import Hummingbird
import Schema

/// An RFC 9457 problem: every error the API returns, as `application/problem+json` with a
/// stable machine `code` an integrator can switch on (the OpenAPI document lists them).
public struct Problem: Error, HTTPResponseError, Sendable, Equatable {
    public var status: HTTPResponse.Status
    /// Stable snake_case code, e.g. `invalid_api_key`, `not_found`, `rate_limited` (`ErrorCode`).
    public var code: ErrorCode
    public var title: String
    /// Human explanation; never echoes personal data.
    public var detail: String
    /// The offending field or CSV line, when one is to blame.
    public var field: String?
    public var line: Int?
    /// Extra headers (`Retry-After`, `WWW-Authenticate`).
    public var headers: [String: String] = [:]

    public init(_ status: HTTPResponse.Status, code: ErrorCode, detail: String, field: String? = nil, line: Int? = nil,
                headers: [String: String] = [:]) {
        self.status = status
        self.code = code
        self.title = status.reasonPhrase
        self.detail = detail
        self.field = field
        self.line = line
        self.headers = headers
    }

    /// The JSON body.
    var body: [UInt8] {
        var object: [String: Any] = [
            "type": "https://songdal.dev/problems/\(code)", "title": title, "status": Int(status.code),
            "detail": detail, "code": code.rawValue,
        ]
        if let field { object["field"] = field }
        if let line { object["line"] = line }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Array(data)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        makeResponse()
    }

    func makeResponse() -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/problem+json"
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension Problem {
    /// Not found, or another institution's: one answer, byte for byte, whatever `what` was
    /// (issue 20: a refusal never tells an unknown id from someone else's).
    static func notFound(_ what: String) -> Problem {
        Problem(.notFound, code: .notFound, detail: "not found")
    }

    static func badRequest(_ code: ErrorCode, _ detail: String, field: String? = nil) -> Problem {
        Problem(.badRequest, code: code, detail: detail, field: field)
    }

    static func invalid(_ code: ErrorCode, _ detail: String, field: String? = nil, line: Int? = nil) -> Problem {
        Problem(.unprocessableContent, code: code, detail: detail, field: field, line: line)
    }

    static func tooLarge(limit: Int) -> Problem {
        Problem(.contentTooLarge, code: .bodyTooLarge, detail: "the request body exceeds \(limit) bytes")
    }

    /// Transition only, for code still being converted: pass an `ErrorCode` static.
    @available(*, deprecated, message: "use a static ErrorCode (ErrorCode+Gateway.swift)")
    init(_ status: HTTPResponse.Status, code: String, detail: String, field: String? = nil, line: Int? = nil,
         headers: [String: String] = [:]) {
        self.init(status, code: ErrorCode(wire: code), detail: detail, field: field, line: line, headers: headers)
    }

    @available(*, deprecated, message: "use a static ErrorCode (ErrorCode+Gateway.swift)")
    static func invalid(_ code: String, _ detail: String, field: String? = nil, line: Int? = nil) -> Problem {
        invalid(ErrorCode(wire: code), detail, field: field, line: line)
    }

    @available(*, deprecated, message: "use a static ErrorCode (ErrorCode+Gateway.swift)")
    static func badRequest(_ code: String, _ detail: String, field: String? = nil) -> Problem {
        badRequest(ErrorCode(wire: code), detail, field: field)
    }
}
