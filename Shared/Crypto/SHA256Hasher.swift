import CSSL
import Foundation

/// Streaming SHA-256 for documents too large to hold twice (100 MB files): feed chunks with
/// `update`, then `finalize` once.
///
/// Non-copyable because it owns an `EVP_MD_CTX`: a copy would share and double-free it.
/// `Sendable` because ownership moves with the value, so only one task can ever use it.
public struct SHA256Hasher: ~Copyable, @unchecked Sendable {
    private let context: OpaquePointer

    /// Allocates and initialises the digest context.
    public init() throws(CryptoError) {
        let context = try OpenSSL.make("EVP_MD_CTX_new") { EVP_MD_CTX_new() }
        do {
            try OpenSSL.check("EVP_DigestInit_ex2") { EVP_DigestInit_ex2(context, Algorithms.sha256, nil) }
        } catch {
            EVP_MD_CTX_free(context)
            throw error
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Absorbs raw memory without copying it.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        // Cannot fail on an initialised SHA-256 context (no allocation, no input validation).
        OpenSSL.invariant("EVP_DigestUpdate", EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1)
    }

    /// Absorbs `[UInt8]`, `Data` or any contiguous bytes.
    public mutating func update(_ bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Returns the 32-byte digest; consuming, so the hasher cannot be fed after finishing.
    public consuming func finalize() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: SHA256.byteCount) { out, count in
            var length: UInt32 = 0
            OpenSSL.invariant("EVP_DigestFinal_ex", EVP_DigestFinal_ex(context, out.baseAddress, &length) == 1)
            count = SHA256.byteCount
        }
    }
}
