import CSSL

/// Owner of one `EVP_PKEY`, shared by the key value types.
///
/// `@unchecked Sendable`: after construction the key is only read. OpenSSL 3 allows one
/// `EVP_PKEY` to be used by concurrent operations as long as each has its own `EVP_MD_CTX`
/// (which `sign`/`verify` create per call) and nobody mutates the key.
final class PKey: @unchecked Sendable {
    let pointer: OpaquePointer

    init(owning pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    /// Generates a key of `algorithm` ("ED25519", "EC"); `group` names the EC curve.
    static func generate(_ algorithm: String, group: String? = nil) throws(CryptoError) -> PKey {
        let context = try OpenSSL.make("EVP_PKEY_CTX_new_from_name(\(algorithm))") {
            EVP_PKEY_CTX_new_from_name(nil, algorithm, nil)
        }
        defer { EVP_PKEY_CTX_free(context) }
        try OpenSSL.check("EVP_PKEY_keygen_init") { EVP_PKEY_keygen_init(context) }
        if let group {
            try OpenSSL.check("EVP_PKEY_CTX_set_group_name") { EVP_PKEY_CTX_set_group_name(context, group) }
        }
        var key: OpaquePointer?
        try OpenSSL.check("EVP_PKEY_generate") { EVP_PKEY_generate(context, &key) }
        return PKey(owning: try OpenSSL.make("EVP_PKEY_generate") { key })
    }

    /// Parses a PEM private key (PKCS#8 or traditional) and checks its type.
    static func privateKey(pem: String, expecting type: Int32) throws(CryptoError) -> PKey {
        let key = try MemoryBIO.reading(Array(pem.utf8), operation: "PEM_read_bio_PrivateKey") { bio in
            PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
        return try checked(PKey(owning: key), type: type)
    }

    /// Parses a PEM `PUBLIC KEY` (SubjectPublicKeyInfo) and checks its type.
    static func publicKey(pem: String, expecting type: Int32) throws(CryptoError) -> PKey {
        let key = try MemoryBIO.reading(Array(pem.utf8), operation: "PEM_read_bio_PUBKEY") { bio in
            PEM_read_bio_PUBKEY(bio, nil, nil, nil)
        }
        return try checked(PKey(owning: key), type: type)
    }

    private static func checked(_ key: PKey, type: Int32) throws(CryptoError) -> PKey {
        guard EVP_PKEY_get_base_id(key.pointer) == type else {
            throw CryptoError(operation: "PKey.type", reason: "expected \(String(cString: OBJ_nid2sn(type))) key")
        }
        return key
    }

    /// Unencrypted PKCS#8 PEM (callers protect it at rest).
    func privatePEM() throws(CryptoError) -> String {
        let bytes = try MemoryBIO.writing(operation: "PEM_write_bio_PrivateKey") { bio in
            PEM_write_bio_PrivateKey(bio, pointer, nil, nil, 0, nil, nil)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// SubjectPublicKeyInfo PEM.
    func publicPEM() throws(CryptoError) -> String {
        let bytes = try MemoryBIO.writing(operation: "PEM_write_bio_PUBKEY") { bio in
            PEM_write_bio_PUBKEY(bio, pointer)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Raw key bytes (`EVP_PKEY_get_raw_{public,private}_key`), for Ed25519.
    func raw(private isPrivate: Bool) throws(CryptoError) -> [UInt8] {
        let name = isPrivate ? "EVP_PKEY_get_raw_private_key" : "EVP_PKEY_get_raw_public_key"
        var length = 0
        let get = isPrivate ? EVP_PKEY_get_raw_private_key : EVP_PKEY_get_raw_public_key
        try OpenSSL.check(name) { get(pointer, nil, &length) }
        var out = [UInt8](repeating: 0, count: length)
        let result = out.withUnsafeMutableBufferPointer { get(pointer, $0.baseAddress, &length) }
        try OpenSSL.check(name) { result }
        return Array(out.prefix(length))
    }

    /// One-shot signature; `digest` is nil for Ed25519 (which hashes internally), "SHA256" for ECDSA.
    func sign(_ message: UnsafeRawBufferPointer, digest: String?) throws(CryptoError) -> [UInt8] {
        let context = try OpenSSL.make("EVP_MD_CTX_new") { EVP_MD_CTX_new() }
        defer { EVP_MD_CTX_free(context) }
        try OpenSSL.check("EVP_DigestSignInit_ex") {
            EVP_DigestSignInit_ex(context, nil, digest, nil, nil, pointer, nil)
        }
        var empty: UInt8 = 0
        return try withUnsafePointer(to: &empty) { (emptyPointer) throws(CryptoError) -> [UInt8] in
            let bytes = message.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyPointer
            var length = 0
            try OpenSSL.check("EVP_DigestSign(size)") { EVP_DigestSign(context, nil, &length, bytes, message.count) }
            var signature = [UInt8](repeating: 0, count: length)
            let result = signature.withUnsafeMutableBufferPointer {
                EVP_DigestSign(context, $0.baseAddress, &length, bytes, message.count)
            }
            try OpenSSL.check("EVP_DigestSign") { result }
            return Array(signature.prefix(length))
        }
    }

    /// True only for a valid signature; malformed input is simply invalid, never an error.
    func verify(_ signature: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer, digest: String?) -> Bool {
        guard let context = EVP_MD_CTX_new() else {
            _ = OpenSSL.drainErrors()
            return false
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit_ex(context, nil, digest, nil, nil, pointer, nil) == 1 else {
            _ = OpenSSL.drainErrors()
            return false
        }
        var empty: UInt8 = 0
        let result = withUnsafePointer(to: &empty) { emptyPointer in
            EVP_DigestVerify(
                context,
                signature.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyPointer, signature.count,
                message.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyPointer, message.count)
        }
        if result != 1 { _ = OpenSSL.drainErrors() }  // an invalid signature queues an error; keep the queue clean
        return result == 1
    }
}
