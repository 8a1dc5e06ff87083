import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body (the recipient and dashboard forms).
struct FormBody {
    private(set) var values: [String: String] = [:]

    init(_ text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let name = parts.first else { continue }
            values[decode(name)] = parts.count > 1 ? decode(parts[1]) : ""
        }
    }

    static func read(_ request: Request, limit: Int = 16_384) async throws -> FormBody {
        let buffer = try await RequestBodies.collect(request, limit: limit)
        // a NUL, invalid UTF-8 or over-long value is refused before decoding replaces it.
        try InputText.checkPairs(Array(buffer.readableBytesView))
        return FormBody(String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    subscript(_ name: String) -> String? { values[name] }
}
