import CSSL
import Foundation

/// One-shot HMAC (RFC 2104). For many messages under one key use `HMACKey`, which skips the
/// key schedule per message.
public enum HMAC {
    /// HMAC-SHA-256 of `data` under `key` (32 bytes).
    public static func sha256(key: [UInt8], data: [UInt8]) -> [UInt8] {
        data.withUnsafeBytes { compute(Algorithms.sha256, size: 32, key: key, data: $0, name: "HMAC-SHA256") }
    }

    /// HMAC-SHA-512 of `data` under `key` (64 bytes). Used e.g. for ID-7 synthetic CIs.
    public static func sha512(key: [UInt8], data: [UInt8]) -> [UInt8] {
        data.withUnsafeBytes { compute(Algorithms.sha512, size: 64, key: key, data: $0, name: "HMAC-SHA512") }
    }

    /// HMAC-SHA-256 over raw memory (no copy of the message).
    public static func sha256(key: [UInt8], data: UnsafeRawBufferPointer) -> [UInt8] {
        compute(Algorithms.sha256, size: 32, key: key, data: data, name: "HMAC-SHA256")
    }

    /// Compares two MACs in time independent of where they differ (CRYPTO_memcmp), so a
    /// verifier does not leak how many leading bytes of a forged tag were right.
    public static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.isEmpty { return true }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0 }
        }
    }

    /// `HMAC()` cannot fail for any key or message; failure means allocation failure or a broken
    /// provider (see `OpenSSL.invariant`).
    private static func compute(
        _ md: OpaquePointer?, size: Int, key: [UInt8], data: UnsafeRawBufferPointer, name: String
    ) -> [UInt8] {
        KeyBytes.with(key) { keyPointer, keyLength in
            [UInt8](unsafeUninitializedCapacity: size) { out, count in
                var length: UInt32 = 0
                let result = HMAC_(md, keyPointer, Int32(keyLength), data, out.baseAddress, &length)
                OpenSSL.invariant(name, result != nil && Int(length) == size)
                count = size
            }
        }
    }
}

/// Calls OpenSSL's one-shot `HMAC()` (renamed because the Swift enum shadows it). A non-nil
/// pointer is passed even for an empty message, as OpenSSL treats NULL as "no data given".
private func HMAC_(
    _ md: OpaquePointer?, _ key: UnsafeRawPointer, _ keyLength: Int32, _ data: UnsafeRawBufferPointer,
    _ out: UnsafeMutablePointer<UInt8>?, _ length: inout UInt32
) -> UnsafeMutablePointer<UInt8>? {
    var empty: UInt8 = 0
    return withUnsafePointer(to: &empty) { emptyPointer in
        let bytes = data.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyPointer
        return CSSL.HMAC(md, key, keyLength, bytes, data.count, out, &length)
    }
}
