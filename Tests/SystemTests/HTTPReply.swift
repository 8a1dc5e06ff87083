import Foundation
import HTTPTypes

/// A response as the walk asserts it: status, headers, body bytes.
struct HTTPReply: Sendable, CustomStringConvertible {
    let status: Int
    let headers: HTTPFields
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }

    /// The JSON object of the body (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    /// `name=value` of the `Set-Cookie` header, without its attributes.
    var cookie: String? {
        header("Set-Cookie").flatMap { $0.split(separator: ";").first.map { String($0).trimmingCharacters(in: .whitespaces) } }
    }

    /// The full `Set-Cookie` header (attributes included).
    var setCookie: String? { header("Set-Cookie") }

    var description: String { "HTTP \(status) \(header("Content-Type") ?? "-"): \(text.prefix(600))" }
}
