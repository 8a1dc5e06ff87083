import Foundation
import Hummingbird
import Schema

/// X-7 at the gateway's door: every text field of a query string, a form or a JSON body is
/// checked before any route reads it. A NUL byte or invalid UTF-8 is refused with
/// `invalid_text`, an over-long field with `too_long`, each naming the field; nothing is ever
/// truncated or replaced (decoders downstream would otherwise cut at a NUL or write U+FFFD).
enum InputText {
    /// Character limits of the fields the routes bound (the same numbers they check).
    static let limits: [String: Int] = ["title": 500, "fileName": 255]
    /// Any other text field: a guard against absurd values; routes keep their own tighter checks.
    static let defaultLimit = 65_536

    static func limit(of field: String) -> Int {
        let name = field.split(separator: ".").last.map(String.init) ?? field
        return limits[name] ?? defaultLimit
    }

    static func invalid(_ field: String, _ why: String) -> ErrorReply {
        ErrorReply(code: .invalidText, message: "\(field): \(why); the text is refused, never altered", field: field)
    }

    /// Checks one decoded field's bytes.
    static func check<Bytes: Collection<UInt8>>(field: String, bytes: Bytes) throws {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw invalid(field, "not valid UTF-8") }
        try check(field: field, text: text)
    }

    static func check(field: String, text: String) throws {
        if text.utf8.contains(0) { throw invalid(field, "contains a NUL byte") }
        let limit = limit(of: field)
        if text.count > limit {
            throw ErrorReply(code: .tooLong, message: "\(field) is longer than \(limit) characters; it is refused, never truncated",
                             field: field)
        }
    }

    /// Percent-decodes to bytes (`+` as a space when `plusIsSpace`); a broken escape stays as is.
    static func percentDecoded<Bytes: Collection<UInt8>>(_ raw: Bytes, plusIsSpace: Bool) -> [UInt8] {
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        let bytes = Array(raw)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return out
    }

    /// `name=value&…` (a query string or a urlencoded form).
    static func checkPairs<Bytes: Collection<UInt8>>(_ raw: Bytes) throws {
        for pair in Array(raw).split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawName = parts.first else { continue }
            let nameBytes = percentDecoded(rawName, plusIsSpace: true)
            let name = String(validating: nameBytes, as: UTF8.self).map { $0.replacingOccurrences(of: "\0", with: "") } ?? "parameter"
            try check(field: name.isEmpty ? "parameter" : name, bytes: nameBytes)
            if parts.count > 1 { try check(field: name, bytes: percentDecoded(parts[1], plusIsSpace: true)) }
        }
    }

    /// A JSON body: the bytes must be UTF-8 without NUL, and every string value passes `check`.
    /// A body that is not JSON is left to the route (`malformed_json`).
    static func checkJSON(_ bytes: [UInt8]) throws {
        if String(validating: bytes, as: UTF8.self) == nil || bytes.contains(0) {
            throw invalid(fieldBefore(firstBadOffset(bytes), in: bytes), "not valid UTF-8 or contains a NUL byte")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else { return }
        try walk(object, path: "")
    }

    private static func walk(_ value: Any, path: String) throws {
        switch value {
        case let text as String: try check(field: path.isEmpty ? "body" : path, text: text)
        case let object as [String: Any]:
            for (key, member) in object {
                if key.utf8.contains(0) { throw invalid(path.isEmpty ? "body" : path, "a member name contains a NUL byte") }
                try walk(member, path: path.isEmpty ? key : "\(path).\(key)")
            }
        case let array as [Any]:
            for (index, member) in array.enumerated() { try walk(member, path: path.isEmpty ? "\(index)" : "\(path).\(index)") }
        default: return
        }
    }

    /// The offset of the first byte that is NUL or breaks UTF-8.
    private static func firstBadOffset(_ bytes: [UInt8]) -> Int {
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == 0 { return offset }
            let width = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0
            guard width > 0, offset + width <= bytes.count,
                  String(validating: bytes[offset..<offset + width], as: UTF8.self) != nil else { return offset }
            offset += width
        }
        return offset
    }

    /// The member name whose value holds `offset` (the last `"name":` before it), or "body".
    private static func fieldBefore(_ offset: Int, in bytes: [UInt8]) -> String {
        guard let prefix = String(validating: bytes[..<min(offset, bytes.count)], as: UTF8.self),
              let match = prefix.matches(of: /"([^"\\]{1,128})"\s*:/).last else { return "body" }
        return String(match.output.1)
    }

    /// Runs the checks that apply to `request` and returns it with its body (if read) kept.
    static func screen(_ request: Request, jsonLimit: Int) async throws -> Request {
        var request = request
        if let query = request.uri.query, !query.isEmpty { try checkPairs(Array(query.utf8)) }
        guard [.post, .put, .patch].contains(request.method) else { return request }
        let type = request.headers[.contentType]?.lowercased() ?? ""
        if type.hasPrefix("application/json") {
            let buffer = try await request.collectBody(upTo: jsonLimit)
            try checkJSON(Array(buffer.readableBytesView))
        } else if type.hasPrefix("application/x-www-form-urlencoded") {
            let buffer = try await request.collectBody(upTo: max(jsonLimit, 16_384))
            try checkPairs(Array(buffer.readableBytesView))
        }
        return request
    }
}
