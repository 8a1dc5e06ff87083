import CSSL
import Foundation

/// A reusable HMAC-SHA-256 key for hot paths such as keyed CI/phone lookups (ID-5).
///
/// The key schedule (inner/outer padded digest states) is computed once into a template
/// `EVP_MAC_CTX`; each call duplicates that template (`EVP_MAC_CTX_dup`), which is a plain
/// memory copy of the prepared state, then absorbs the message and finalises the copy.
///
/// Thread safety: the template is written only in `init` and only *read* afterwards (dup reads
/// the source and bumps atomic reference counts), and every call works on its own duplicate. So
/// one `HMACKey` may be shared by any number of threads or tasks without locking; that is why
/// the `@unchecked Sendable` is sound.
public final class HMACKey: @unchecked Sendable {
    /// The keyed template; read-only after `init` (`HMACContext` duplicates it once).
    let template: OpaquePointer

    /// Prepares the key schedule for `key` (any length; RFC 2104 hashes keys over 64 bytes).
    public init(key: [UInt8]) throws(CryptoError) {
        let mac = try OpenSSL.make("EVP_MAC_fetch(HMAC)") { Algorithms.hmac }
        let context = try OpenSSL.make("EVP_MAC_CTX_new") { EVP_MAC_CTX_new(mac) }
        let result: Int32 = KeyBytes.with(key) { keyPointer, keyLength in
            OSSLParams.withDigest("SHA256") { params in
                EVP_MAC_init(context, keyPointer.assumingMemoryBound(to: UInt8.self), keyLength, params)
            }
        }
        guard result == 1 else {
            let error = OpenSSL.failure("EVP_MAC_init")
            EVP_MAC_CTX_free(context)
            throw error
        }
        template = context
    }

    deinit { EVP_MAC_CTX_free(template) }

    /// HMAC-SHA-256 of `data` (32 bytes); equal to `HMAC.sha256(key:data:)`.
    public func sha256(_ data: [UInt8]) -> [UInt8] {
        data.withUnsafeBytes { sha256($0) }
    }

    /// HMAC-SHA-256 of `Data`, strings' UTF-8 views, and other contiguous bytes.
    public func sha256(_ data: some ContiguousBytes) -> [UInt8] {
        data.withUnsafeBytes { sha256($0) }
    }

    /// HMAC-SHA-256 of raw memory, without copying the message.
    public func sha256(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        // dup/update/final cannot fail for any message on a correctly initialised HMAC template;
        // the only failure is allocation (see `OpenSSL.invariant`).
        let context = EVP_MAC_CTX_dup(template)
        OpenSSL.invariant("EVP_MAC_CTX_dup", context != nil)
        defer { EVP_MAC_CTX_free(context) }
        return [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            var empty: UInt8 = 0
            let updated = withUnsafePointer(to: &empty) { emptyPointer in
                let bytes = data.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyPointer
                return EVP_MAC_update(context, bytes, data.count)
            }
            var length = 0
            let finished = EVP_MAC_final(context, out.baseAddress, &length, 32)
            OpenSSL.invariant("EVP_MAC_update/final", updated == 1 && finished == 1 && length == 32)
            count = 32
        }
    }
}
