import CSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG (seeded from the OS).
public enum SecureRandom {
    /// Returns `count` random bytes; throws if the DRBG cannot deliver (e.g. not seeded).
    public static func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
        guard count >= 0, count <= Int(Int32.max) else {
            throw CryptoError(operation: "RAND_bytes", reason: "invalid count \(count)")
        }
        var out = [UInt8](repeating: 0, count: count)
        try fill(&out)
        return out
    }

    /// Fills `buffer` in place (no allocation), for nonces on hot paths.
    static func fill(_ buffer: inout [UInt8]) throws(CryptoError) {
        // Closures of the stdlib `with…` family rethrow untyped, so the call happens inside and
        // the check outside (a pattern used throughout this module).
        let result = buffer.withUnsafeMutableBytes { raw in randomize(raw) }
        try OpenSSL.check("RAND_bytes") { result }
    }

    /// Fills raw memory in place.
    static func fill(_ raw: UnsafeMutableRawBufferPointer) throws(CryptoError) {
        let result = randomize(raw)
        try OpenSSL.check("RAND_bytes") { result }
    }

    /// The raw call: 1 on success (also for empty buffers).
    private static func randomize(_ raw: UnsafeMutableRawBufferPointer) -> Int32 {
        guard let base = raw.baseAddress, raw.count > 0 else { return 1 }
        return RAND_bytes(base.assumingMemoryBound(to: UInt8.self), Int32(raw.count))
    }
}
