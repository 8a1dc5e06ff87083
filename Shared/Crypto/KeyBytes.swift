import CSSL

/// Helpers for handing key material to OpenSSL.
enum KeyBytes {
    /// Calls `body` with a private, never-NULL copy of `key` that is wiped afterwards.
    ///
    /// Never NULL because several OpenSSL functions read a NULL key as "keep the previous key"
    /// rather than "the empty key"; wiped so the temporary copy does not linger in freed memory.
    static func with<R, E: Error>(
        _ key: [UInt8], _ body: (UnsafeRawPointer, Int) throws(E) -> R
    ) throws(E) -> R {
        let count = key.count
        let copy = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 1)
        defer {
            OPENSSL_cleanse(copy, max(count, 1))
            copy.deallocate()
        }
        key.withUnsafeBytes { source in
            if let base = source.baseAddress { copy.copyMemory(from: base, byteCount: count) }
        }
        return try body(UnsafeRawPointer(copy), count)
    }
}
