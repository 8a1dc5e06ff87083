import CSSL

/// Algorithm implementations fetched once per process.
///
/// OpenSSL 3 re-resolves "implicit" algorithms (`EVP_sha256()`) from the provider on every
/// init; fetching explicitly once removes that lookup from the hot paths (HMAC lookups, AES-GCM
/// per document). Fetched objects are immutable and reference-counted, so sharing them across
/// threads is what OpenSSL documents as safe; `nonisolated(unsafe)` only tells Swift so.
/// A `nil` here means a broken OpenSSL installation; users turn it into a `CryptoError` or trap
/// via `OpenSSL.invariant` (never input-reachable).
enum Algorithms {
    nonisolated(unsafe) static let sha256: OpaquePointer? = EVP_MD_fetch(nil, "SHA256", nil)
    nonisolated(unsafe) static let sha512: OpaquePointer? = EVP_MD_fetch(nil, "SHA512", nil)
    nonisolated(unsafe) static let aes256gcm: OpaquePointer? = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil)
    nonisolated(unsafe) static let hmac: OpaquePointer? = EVP_MAC_fetch(nil, "HMAC", nil)
}
