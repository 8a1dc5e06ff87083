import Schema

/// The CI's text form (ID-1): exactly 88 characters of canonical standard base64 for 64 bytes.
/// The rule lives once, in `Schema.CI` (issue 18); this is identity's byte-level entry to it.
public enum CICodec {
    /// Length of the text form.
    public static let textLength = CI.textLength
    /// Length of the decoded CI.
    public static let byteCount = CI.byteCount

    /// The 64 CI bytes, or `nil` unless `text` is 88 characters of padded standard base64.
    public static func decode(_ text: some Collection<UInt8>) -> [UInt8]? { CI.decode(text) }

    /// The 64 CI bytes of a `String`, or `nil`.
    public static func decode(_ text: String) -> [UInt8]? { CI.decode(text.utf8) }

    /// Standard padded base64 of `bytes` (88 characters for a 64-byte CI).
    public static func encode(_ bytes: [UInt8]) -> String { CI.encode(bytes) }
}
