import CSSL

/// Memory BIOs for moving PEM/DER between Swift and OpenSSL. Freed before returning.
enum MemoryBIO {
    /// Runs `body` with a read-only BIO over `bytes`; `body`'s NULL result becomes the error.
    static func reading<T>(_ bytes: [UInt8], operation: String, _ body: (OpaquePointer) -> T?) throws(CryptoError) -> T {
        // Empty input encodes nothing (and would give BIO_new_mem_buf a NULL pointer).
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else {
            throw CryptoError(operation: operation, reason: "could not decode input")
        }
        let result: T?? = bytes.withUnsafeBytes { raw -> T?? in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return .none }
            defer { BIO_free(bio) }
            return .some(body(bio))
        }
        guard let made = result else { throw OpenSSL.failure("BIO_new_mem_buf") }
        guard let value = made else { throw OpenSSL.failure(operation, fallback: "could not decode input") }
        return value
    }

    /// Runs `body` writing into a fresh memory BIO and returns what it wrote.
    static func writing(operation: String, _ body: (OpaquePointer) -> Int32) throws(CryptoError) -> [UInt8] {
        let bio = try OpenSSL.make("BIO_new") { BIO_new(BIO_s_mem()) }
        defer { BIO_free(bio) }
        try OpenSSL.check(operation) { body(bio) }
        var data: UnsafeMutablePointer<CChar>?
        // BIO_get_mem_data is a C macro over BIO_ctrl.
        let length = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &data)
        guard length >= 0, let data else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: data, count: length))
    }
}
