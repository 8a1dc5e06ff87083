import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// A plain HTTP/1.1 client against a live port (HummingbirdTesting's `TestClient`, one fresh
/// connection per request). Redirects are not followed and cookies are not kept: the walk
/// follows each `303` and carries the recipient's cookie itself, so both are asserted.
struct HTTPClient: Sendable {
    let host: String
    let port: Int

    /// One request; `headers` by name (e.g. `Idempotency-Key`), `key` as a bearer token.
    func send(_ method: HTTPRequest.Method, _ path: String, key: String? = nil, body: [UInt8]? = nil,
              headers: [String: String] = [:]) async throws -> HTTPReply {
        var fields = HTTPFields()
        if let key { fields[.authorization] = "Bearer \(key)" }
        for (name, value) in headers {
            guard let field = HTTPField.Name(name) else { throw HTTPClientError.badHeaderName(name) }
            fields[field] = value
        }
        if let body { fields[.contentLength] = String(body.count) }
        let request = TestClient.Request(path, method: method, authority: "\(host):\(port)", headers: fields, body: body.map { ByteBuffer(bytes: $0) })
        let response = try await TestClient.withClient(host: host, port: port, configuration: .init(timeout: .seconds(60))) { client in
            try await client.execute(request)
        }
        return HTTPReply(status: response.status.code, headers: response.headers,
                         body: response.body.map { Array($0.readableBytesView) } ?? [])
    }

    func get(_ path: String, key: String? = nil, headers: [String: String] = [:]) async throws -> HTTPReply {
        try await send(.get, path, key: key, headers: headers)
    }

    /// POST of a JSON object.
    func postJSON(_ path: String, _ object: [String: Any], key: String? = nil, headers: [String: String] = [:]) async throws -> HTTPReply {
        var all = headers
        all["Content-Type"] = "application/json"
        return try await send(.post, path, key: key, body: Array(try JSONSerialization.data(withJSONObject: object)), headers: all)
    }

    /// POST of an HTML form (`application/x-www-form-urlencoded`).
    func postForm(_ path: String, _ fields: [(String, String)], headers: [String: String] = [:]) async throws -> HTTPReply {
        var all = headers
        all["Content-Type"] = "application/x-www-form-urlencoded"
        let body = fields.map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }.joined(separator: "&")
        return try await send(.post, path, body: Array(body.utf8), headers: all)
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(of: "%20", with: "+")
    }

    /// Percent-encodes a query-string value (Korean titles, spaces).
    static func queryEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

enum HTTPClientError: Error {
    case badHeaderName(String)
}
