import CSSL

/// One AES-256-GCM cipher context keyed once and re-nonced per message, shared by
/// `AESGCMKey` (one message) and `AESGCMStream` (one context for all chunks of a file, so the
/// AES key schedule is computed once per file rather than once per 64 KiB chunk).
///
/// Not thread-safe: a context belongs to one operation at a time.
final class GCMContext {
    static let nonceCount = 12
    static let tagCount = 16

    private let context: OpaquePointer

    /// Keys a new context for sealing (`encrypting`) or opening.
    init(key: [UInt8], encrypting: Bool) throws(CryptoError) {
        let cipher = try OpenSSL.make("EVP_CIPHER_fetch(AES-256-GCM)") { Algorithms.aes256gcm }
        let context = try OpenSSL.make("EVP_CIPHER_CTX_new") { EVP_CIPHER_CTX_new() }
        let result = key.withUnsafeBytes { raw in
            EVP_CipherInit_ex2(context, cipher, raw.baseAddress?.assumingMemoryBound(to: UInt8.self), nil,
                               encrypting ? 1 : 0, nil)
        }
        guard result == 1 else {
            let error = OpenSSL.failure("EVP_CipherInit_ex2")
            EVP_CIPHER_CTX_free(context)
            throw error
        }
        self.context = context
    }

    deinit { EVP_CIPHER_CTX_free(context) }

    /// Encrypts `plaintext` into `output` (same length) and writes the tag into `tag`.
    /// `aad` pieces are authenticated in order, as if concatenated.
    func seal(
        nonce: UnsafeRawBufferPointer, aad: [UnsafeRawBufferPointer], plaintext: UnsafeRawBufferPointer,
        output: UnsafeMutableRawPointer?, tag: UnsafeMutableRawPointer
    ) throws(CryptoError) {
        try start(nonce: nonce, aad: aad, operation: "AESGCM.seal")
        try transform(plaintext, into: output, operation: "AESGCM.seal")
        var finalLength: Int32 = 0
        var scratch: UInt8 = 0  // GCM final writes no bytes, but wants a valid pointer.
        try OpenSSL.check("EVP_EncryptFinal_ex") { EVP_CipherFinal_ex(context, &scratch, &finalLength) }
        try OpenSSL.check("EVP_CTRL_GCM_GET_TAG") {
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(Self.tagCount), tag)
        }
    }

    /// Decrypts `ciphertext` into `output` and checks `tag`. Any mismatch (key, nonce, AAD,
    /// ciphertext, tag) throws the single "authentication failed" error; `output` must then be
    /// discarded by the caller, as GCM only knows at the end whether the bytes were genuine.
    func open(
        nonce: UnsafeRawBufferPointer, aad: [UnsafeRawBufferPointer], ciphertext: UnsafeRawBufferPointer,
        tag: UnsafeRawBufferPointer, output: UnsafeMutableRawPointer?, operation: String
    ) throws(CryptoError) {
        guard tag.count == Self.tagCount, let tagBase = tag.baseAddress else {
            throw CryptoError.authenticationFailed(operation)
        }
        try start(nonce: nonce, aad: aad, operation: operation)
        try transform(ciphertext, into: output, operation: operation)
        // SET_TAG takes a non-const pointer but only copies from it.
        try OpenSSL.check("EVP_CTRL_GCM_SET_TAG") {
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(Self.tagCount), UnsafeMutableRawPointer(mutating: tagBase))
        }
        var finalLength: Int32 = 0
        var scratch: UInt8 = 0
        guard EVP_CipherFinal_ex(context, &scratch, &finalLength) == 1 else {
            _ = OpenSSL.drainErrors()  // a tag mismatch is an expected outcome, not an OpenSSL fault
            throw CryptoError.authenticationFailed(operation)
        }
    }

    /// Sets the nonce (key stays) and absorbs the associated data.
    private func start(nonce: UnsafeRawBufferPointer, aad: [UnsafeRawBufferPointer], operation: String) throws(CryptoError) {
        guard nonce.count == Self.nonceCount else {
            throw CryptoError(operation: operation, reason: "nonce must be \(Self.nonceCount) bytes")
        }
        try OpenSSL.check("EVP_CipherInit_ex2(nonce)") {
            EVP_CipherInit_ex2(context, nil, nil, nonce.baseAddress?.assumingMemoryBound(to: UInt8.self), -1, nil)
        }
        for piece in aad where piece.count > 0 {
            try update(piece, into: nil, operation: "EVP_CipherUpdate(aad)")
        }
    }

    /// Runs the data through the cipher, in pieces that fit OpenSSL's `int` lengths.
    private func transform(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawPointer?, operation: String) throws(CryptoError) {
        guard input.count > 0 else { return }
        guard let output else { throw CryptoError(operation: operation, reason: "missing output buffer") }
        let piece = 1 << 30
        var offset = 0
        while offset < input.count {
            let count = min(piece, input.count - offset)
            try update(UnsafeRawBufferPointer(rebasing: input[offset..<offset + count]), into: output + offset,
                       operation: "EVP_CipherUpdate")
            offset += count
        }
    }

    private func update(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawPointer?, operation: String) throws(CryptoError) {
        var written: Int32 = 0
        try OpenSSL.check(operation) {
            EVP_CipherUpdate(context, output?.assumingMemoryBound(to: UInt8.self), &written,
                             input.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(input.count))
        }
        // GCM is a stream mode: it must emit exactly what it consumed (AAD emits nothing).
        guard output == nil || Int(written) == input.count else {
            throw CryptoError(operation: operation, reason: "unexpected output length \(written)")
        }
    }
}
