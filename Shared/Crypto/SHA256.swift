import Foundation

/// One-shot SHA-256 (FIPS 180-4). For large documents use `SHA256Hasher`.
public enum SHA256 {
    /// Digest length in bytes.
    public static let byteCount = 32

    /// SHA-256 of `data` (32 bytes). Accepts `[UInt8]`, `Data`, buffer pointers.
    public static func hash(_ data: some ContiguousBytes) -> [UInt8] {
        data.withUnsafeBytes { hash($0) }
    }

    /// SHA-256 of raw memory, without copying.
    public static func hash(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        Digest.oneShot(Algorithms.sha256, size: byteCount, data, name: "SHA256")
    }

    /// SHA-256 of the UTF-8 bytes of `text`.
    public static func hash(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }

    /// Lowercase hex SHA-256 of `data` (64 characters).
    public static func hex(_ data: some ContiguousBytes) -> String {
        Hex.encode(hash(data))
    }

    /// Lowercase hex SHA-256 of the UTF-8 bytes of `text`.
    public static func hex(_ text: String) -> String {
        Hex.encode(hash(text))
    }
}
