/// Masks personal data in free text (SPEC ID-5, X-4) before it reaches a log.
///
/// - Korean mobile numbers `01[016789]` + 3–4 + 4 digits, with or without `-`, `.` or space
///   separators (also `+82 10 …`) become `010-****-5678`: the prefix and last four digits stay
///   so operators can still tell recipients apart.
/// - A CI (88 characters of standard base64, or any base64 run of at least 43 characters, the
///   length of 32 bytes) becomes `[CI]`. Pure-hex runs of up to 64 characters are left alone:
///   those are SHA-256 and similar hashes, which the vault logs as evidence.
/// - A resident registration number `NNNNNN-NNNNNNN` becomes `[RRN]`.
///
/// It runs on every log line, so it is one forward pass over UTF-8 bytes and returns the
/// original string untouched when nothing matched.
public enum PIIMasker {
    /// Shortest base64 run treated as a CI-like secret (32 bytes encode to 43 characters).
    public static let minimumBase64Run = 43
    /// Longest pure-hex run still treated as a hash rather than a secret.
    public static let maximumHashHexRun = 64

    /// `text` with every phone number, CI and RRN masked.
    public static func mask(_ text: String) -> String {
        var text = text
        text.makeContiguousUTF8()
        let masked = text.utf8.withContiguousStorageIfAvailable { maskedBytes($0) }
        guard let bytes = masked ?? maskedBytes(Array(text.utf8)) else { return text }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The masked bytes, or `nil` when nothing needed masking.
    static func maskedBytes<Bytes: RandomAccessCollection<UInt8>>(_ input: Bytes) -> [UInt8]?
    where Bytes.Index == Int {
        var scanner = MaskingScanner(input: input)
        return scanner.run()
    }
}
