import Foundation
import HTTPTypes
import Hummingbird

/// Building responses: JSON with ISO-8601 dates and sorted keys, HTML, raw bytes, redirects.
enum Responses {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: [HTTPField.Name: String] = [:]) throws -> Response {
        let data = try encoder.encode(value)
        return bytes(Array(data), contentType: "application/json", status: status, headers: headers)
    }

    static func bytes(_ bytes: some Sequence<UInt8>, contentType: String, status: HTTPResponse.Status = .ok,
                      headers: [HTTPField.Name: String] = [:]) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        for (name, value) in headers { fields[name] = value }
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: Array(bytes))))
    }

    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok,
                     headers: [HTTPField.Name: String] = [:]) -> Response {
        bytes(Array(text.utf8), contentType: contentType, status: status, headers: headers)
    }

    /// An HTML page; never cached, never framed by another site.
    static func html(_ page: String, status: HTTPResponse.Status = .ok, headers: [HTTPField.Name: String] = [:]) -> Response {
        var all = headers
        all[.cacheControl] = "no-store"
        all[HTTPField.Name("X-Frame-Options")!] = "DENY"
        all[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        all[HTTPField.Name("Content-Security-Policy")!] = "default-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; object-src 'self'; frame-ancestors 'none'"
        return text(page, contentType: "text/html; charset=utf-8", status: status, headers: all)
    }

    /// POST-then-redirect (303) so a reload never re-submits a form.
    static func redirect(to location: String, headers: [HTTPField.Name: String] = [:]) -> Response {
        var fields = HTTPFields()
        fields[.location] = location
        fields[.cacheControl] = "no-store"
        for (name, value) in headers { fields[name] = value }
        return Response(status: .seeOther, headers: fields)
    }
}
