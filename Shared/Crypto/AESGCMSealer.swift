/// A single-owner AES-256-GCM sealer for loops that seal or open many small records under one
/// key (a directory import, a batch of lookups). Same sealed form as `AESGCMKey` (nonce ‖
/// ciphertext ‖ tag), so either opens what the other sealed.
///
/// `AESGCMKey` keys a fresh cipher context and calls the DRBG once per record; this keeps one
/// keyed context per direction and draws random nonces 64 at a time. The nonces stay fully
/// random (96 bits from OpenSSL's DRBG, each used once), so the 2³²-messages bound of
/// `AESGCMKey` is unchanged. Not thread-safe — a class that is not `Sendable`: one per thread or task.
public final class AESGCMSealer {
    private static let noncesPerDraw = 64

    private let key: AESGCMKey
    private var encryptor: GCMContext?
    private var decryptor: GCMContext?
    private var nonces: [UInt8] = []
    private var nextNonce = 0

    /// A sealer for `key`; cipher contexts are keyed on first use.
    public init(key: AESGCMKey) {
        self.key = key
    }

    /// Encrypts and authenticates `plaintext` (and authenticates `aad`) under a fresh random nonce.
    public func seal(_ plaintext: [UInt8], authenticating aad: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        let context = try encryptingContext()
        let nonceCount = GCMContext.nonceCount
        if nextNonce + nonceCount > nonces.count {
            nonces = try SecureRandom.bytes(nonceCount * Self.noncesPerDraw)
            nextNonce = 0
        }
        let nonceStart = nextNonce
        nextNonce += nonceCount
        let total = nonceCount + plaintext.count + GCMContext.tagCount
        return try OpenSSL.typed("AESGCM.seal") {
            try [UInt8](unsafeUninitializedCapacity: total) { out, count in
                let raw = UnsafeMutableRawBufferPointer(out)
                guard let base = raw.baseAddress else { return }
                nonces.withUnsafeBytes { source in
                    raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[nonceStart..<nonceStart + nonceCount]))
                }
                try plaintext.withUnsafeBytes { plain in
                    try aad.withUnsafeBytes { aadBytes in
                        try context.seal(
                            nonce: UnsafeRawBufferPointer(rebasing: raw[0..<nonceCount]), aad: [aadBytes], plaintext: plain,
                            output: base + nonceCount, tag: base + nonceCount + plain.count)
                    }
                }
                count = total
            }
        }
    }

    /// Authenticates and decrypts a sealed box (`AESGCMKey.open` semantics: any mismatch
    /// throws "authentication failed").
    public func open(_ sealed: [UInt8], authenticating aad: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        guard sealed.count >= AESGCMKey.overhead else { throw CryptoError.authenticationFailed("AESGCM.open") }
        let context = try decryptingContext()
        let nonceCount = GCMContext.nonceCount
        let plainCount = sealed.count - AESGCMKey.overhead
        return try OpenSSL.typed("AESGCM.open") {
            try [UInt8](unsafeUninitializedCapacity: plainCount) { out, count in
                try sealed.withUnsafeBytes { box in
                    try aad.withUnsafeBytes { aadBytes in
                        try context.open(
                            nonce: UnsafeRawBufferPointer(rebasing: box[0..<nonceCount]), aad: [aadBytes],
                            ciphertext: UnsafeRawBufferPointer(rebasing: box[nonceCount..<nonceCount + plainCount]),
                            tag: UnsafeRawBufferPointer(rebasing: box[(nonceCount + plainCount)...]),
                            output: UnsafeMutableRawPointer(out.baseAddress), operation: "AESGCM.open")
                    }
                }
                count = plainCount
            }
        }
    }

    private func encryptingContext() throws(CryptoError) -> GCMContext {
        if let encryptor { return encryptor }
        let made = try GCMContext(key: key.bytes, encrypting: true)
        encryptor = made
        return made
    }

    private func decryptingContext() throws(CryptoError) -> GCMContext {
        if let decryptor { return decryptor }
        let made = try GCMContext(key: key.bytes, encrypting: false)
        decryptor = made
        return made
    }
}
