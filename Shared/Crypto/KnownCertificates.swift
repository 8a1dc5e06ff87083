import CSSL
import Synchronization

/// Certificates already parsed, by their exact DER: the TSA certificate embedded in every
/// time-stamp token is parsed once per process instead of once per token.
///
/// Why it matters: under OpenSSL 3.0, parsing a certificate decodes its public key through the
/// provider decoder machinery (`OSSL_DECODER_CTX_new_for_pkey`), which dominated verifying a
/// vault certificate. Parsing is a pure function of the bytes and the key is the bytes
/// themselves, so a remembered certificate is exactly what parsing them again would give; no
/// verification outcome is remembered. OpenSSL 3 lets one `X509` be used by concurrent
/// verifications (its cached extension data is computed under a lock), as `X509Box` notes.
/// Bounded: forgets everything when full (a cache, not a registry).
enum KnownCertificates {
    private static let limit = 256
    private static let table = Mutex<[DERBytes: X509Box]>([:])

    /// The parsed certificate for `der`, parsing it on first sight.
    static func certificate(_ der: ArraySlice<UInt8>) throws(CryptoError) -> X509Box {
        let key = DERBytes(der)
        if let known = table.withLock({ $0[key] }) { return known }
        let pointer = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            let parsed = d2i_X509(nil, &cursor, buffer.count)
            // The whole slice must be the certificate, as it was one element of the SET.
            guard let parsed, let cursor, let base = buffer.baseAddress, cursor - base == buffer.count else {
                if let parsed { X509_free(parsed) }
                return nil
            }
            return parsed
        }
        let box = X509Box(owning: try OpenSSL.make("d2i_X509") { pointer })
        table.withLock { table in
            if table.count >= limit { table.removeAll(keepingCapacity: true) }
            table[DERBytes(Array(der))] = box
        }
        return box
    }
}
