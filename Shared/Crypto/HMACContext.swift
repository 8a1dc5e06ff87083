import CSSL

/// A single-owner HMAC-SHA-256 context for loops that hash many messages under one key
/// (an import of a million rows, a batch of 10,000 lookups).
///
/// `HMACKey` duplicates its template for every message (three digest contexts allocated and
/// freed per call); this context is duplicated once and then only *re-initialised* per
/// message (`EVP_MAC_init` with no key restarts from the stored inner/outer pads), about half
/// the work. Not thread-safe — hence a class that is not `Sendable`: make one per thread or task.
public final class HMACContext {
    private let context: OpaquePointer

    /// A context with `key`'s prepared key schedule.
    public init(key: HMACKey) throws(CryptoError) {
        context = try OpenSSL.make("EVP_MAC_CTX_dup") { EVP_MAC_CTX_dup(key.template) }
    }

    deinit { EVP_MAC_CTX_free(context) }

    /// HMAC-SHA-256 of `data` (32 bytes); equal to `HMACKey.sha256(_:)` for the same key.
    public func sha256(_ data: [UInt8]) -> [UInt8] {
        data.withUnsafeBytes { sha256($0) }
    }

    /// HMAC-SHA-256 of raw memory, without copying the message.
    public func sha256(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        // Re-init/update/final cannot fail on a context keyed at init (see `OpenSSL.invariant`).
        let restarted = EVP_MAC_init(context, nil, 0, nil)
        return [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            var empty: UInt8 = 0
            let updated = withUnsafePointer(to: &empty) { emptyPointer in
                let bytes = data.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyPointer
                return EVP_MAC_update(context, bytes, data.count)
            }
            var length = 0
            let finished = EVP_MAC_final(context, out.baseAddress, &length, 32)
            OpenSSL.invariant("HMACContext", restarted == 1 && updated == 1 && finished == 1 && length == 32)
            count = 32
        }
    }
}
