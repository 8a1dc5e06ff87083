import Foundation

/// One-shot SHA-512 (FIPS 180-4).
public enum SHA512 {
    /// Digest length in bytes.
    public static let byteCount = 64

    /// SHA-512 of `data` (64 bytes).
    public static func hash(_ data: some ContiguousBytes) -> [UInt8] {
        data.withUnsafeBytes { hash($0) }
    }

    /// SHA-512 of raw memory, without copying.
    public static func hash(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        Digest.oneShot(Algorithms.sha512, size: byteCount, data, name: "SHA512")
    }

    /// SHA-512 of the UTF-8 bytes of `text`.
    public static func hash(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }

    /// Lowercase hex SHA-512 of `data`.
    public static func hex(_ data: some ContiguousBytes) -> String {
        Hex.encode(hash(data))
    }
}
