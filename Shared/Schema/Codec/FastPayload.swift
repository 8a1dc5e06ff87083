/// A payload that writes and reads its JSON by hand, for the bus messages on hot paths.
///
/// The bytes written must be exactly those `JSONEncoder` writes with sorted keys (tests compare
/// the two), so a peer decoding with `Codable` sees no difference. Scanning may give up (nil) on
/// anything unexpected; ``PayloadCodec`` then decodes with `Codable` and reports the error.
public protocol FastPayload: Codable {
    /// Appends this value's JSON.
    func writeJSON(into writer: inout JSONWriter)
    /// Reads a value, or nil when the JSON is not in the expected shape.
    init?(scanning scanner: inout JSONScanner)
}

extension FastPayload {
    /// The value in `bytes`, when they are one JSON value of the expected shape and nothing more.
    static func scanned(from bytes: [UInt8]) -> Self? {
        var scanner = JSONScanner(bytes)
        guard let value = Self(scanning: &scanner), scanner.atEnd() else { return nil }
        return value
    }
}
