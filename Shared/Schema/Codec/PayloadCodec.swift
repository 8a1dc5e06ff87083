import Foundation

/// JSON coding of payloads, with the settings every service shares (dates as milliseconds since
/// 1970, sorted keys so the same value always gives the same bytes).
///
/// A type on a hot path (a batch of 10,000 CIs) may also be a ``FastPayload``: it then writes and
/// reads the same JSON by hand, several times faster than `Codable`. Anything its scanner does not
/// accept is decoded again the `Codable` way, so a malformed payload still gets the precise error.
public enum PayloadCodec {
    public static func encode<M: Encodable>(_ value: M) throws -> [UInt8] {
        if let fast = value as? any FastPayload {
            var writer = JSONWriter()
            fast.writeJSON(into: &writer)
            return writer.bytes
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }

    public static func decode<M: Decodable>(_ type: M.Type, from bytes: [UInt8]) throws(BusError) -> M {
        if let fast = type as? any FastPayload.Type, let value = fast.scanned(from: bytes) as? M {
            return value
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        do {
            return try decoder.decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw .malformedPayload(type: String(describing: type), reason: Self.describe(error))
        } catch {
            throw .malformedPayload(type: String(describing: type), reason: "\(error)")
        }
    }

    /// One line saying which field was wrong and how, without echoing the value (it may be personal).
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            return keys.isEmpty ? "payload" : keys.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)): missing \(type)"
        case .keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue): missing"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "undecodable payload"
        }
    }
}
