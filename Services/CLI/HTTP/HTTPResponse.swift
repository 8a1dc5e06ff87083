import Foundation

/// A complete HTTP response as the CLI's small client reads it.
struct HTTPResponse: Sendable {
    var status: Int
    /// Header names lower-cased; a repeated header keeps its last value except `set-cookie`.
    var headers: [String: String]
    var cookies: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object, or nil.
    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
}

/// Why a request failed below HTTP (no answer at all).
enum HTTPClientError: Error, CustomStringConvertible {
    case badURL(String)
    case connect(String, Int32)
    case io(Int32)
    case malformedResponse(String)

    var description: String {
        switch self {
        case .badURL(let url): "not an http:// URL: \(url)"
        case .connect(let target, let code): "cannot connect to \(target) (errno \(code)); is the platform up?"
        case .io(let code): "connection failed (errno \(code))"
        case .malformedResponse(let why): "malformed HTTP response: \(why)"
        }
    }
}
