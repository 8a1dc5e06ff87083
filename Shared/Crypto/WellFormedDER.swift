import Synchronization

/// Remembers DER inputs that already parsed, by SHA-256, so a value decoded again and again —
/// the checkpoint time-stamp token shared by every certificate issued under that checkpoint —
/// is not re-parsed just to be *validated* on each decode.
///
/// Why it matters: under OpenSSL 3.0, parsing a `TimeStampResp` decodes its embedded signer
/// certificate's public key through the provider decoder machinery, about half the cost of
/// verifying a vault certificate. Only the well-formedness check is skipped: every
/// verification still parses and checks the bytes in full. Parsing is a pure function of the
/// bytes, and SHA-256 names the bytes, so the answer for a remembered digest cannot differ.
/// Bounded: forgets everything when full (a cache, not a registry).
enum WellFormedDER {
    private static let limit = 4_096
    private static let seen = Mutex<Set<[UInt8]>>([])

    /// Runs `parse` unless `der` is known to have parsed before; remembers it when it did.
    static func check(_ der: [UInt8], parse: ([UInt8]) throws(CryptoError) -> Void) throws(CryptoError) {
        let digest = SHA256.hash(der)
        if seen.withLock({ $0.contains(digest) }) { return }
        try parse(der)
        seen.withLock { set in
            if set.count >= limit { set.removeAll(keepingCapacity: true) }
            set.insert(digest)
        }
    }
}
