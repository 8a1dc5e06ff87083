import CSSL
import Foundation

/// An AES-256-GCM key for small records (CI, phone numbers at rest; ID-5).
///
/// Sealed form: 12-byte random nonce ‖ ciphertext ‖ 16-byte tag, with optional additional
/// authenticated data (e.g. the row id, so a ciphertext cannot be moved to another row).
/// Random 96-bit nonces are safe for up to about 2³² messages per key (NIST SP 800-38D §8.3).
public struct AESGCMKey: Sendable {
    /// Key length in bytes.
    public static let byteCount = 32
    /// Overhead a sealed box adds to the plaintext (nonce + tag).
    public static let overhead = GCMContext.nonceCount + GCMContext.tagCount

    /// The raw key; handle as a secret (never log it).
    public let bytes: [UInt8]

    /// Wraps 32 raw key bytes; any other length throws.
    public init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == Self.byteCount else {
            throw CryptoError(operation: "AESGCMKey.init", reason: "key must be 32 bytes, got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// A fresh random key.
    public static func generate() throws(CryptoError) -> AESGCMKey {
        try AESGCMKey(bytes: SecureRandom.bytes(byteCount))
    }

    /// Encrypts and authenticates `plaintext` (and authenticates `aad`) under a fresh nonce.
    public func seal(_ plaintext: [UInt8], authenticating aad: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        let context = try GCMContext(key: bytes, encrypting: true)
        let nonceCount = GCMContext.nonceCount
        let total = nonceCount + plaintext.count + GCMContext.tagCount
        return try OpenSSL.typed("AESGCM.seal") {
            try [UInt8](unsafeUninitializedCapacity: total) { out, count in
                let raw = UnsafeMutableRawBufferPointer(out)
                guard let base = raw.baseAddress else { return }
                let nonce = UnsafeMutableRawBufferPointer(rebasing: raw[0..<nonceCount])
                try SecureRandom.fill(nonce)
                try plaintext.withUnsafeBytes { plain in
                    try aad.withUnsafeBytes { aadBytes in
                        try context.seal(
                            nonce: UnsafeRawBufferPointer(nonce), aad: [aadBytes], plaintext: plain,
                            output: base + nonceCount, tag: base + nonceCount + plain.count)
                    }
                }
                count = total
            }
        }
    }

    /// Authenticates and decrypts a sealed box. Wrong key, wrong `aad`, or any flipped bit in
    /// nonce, ciphertext or tag throws `CryptoError` with reason "authentication failed".
    public func open(_ sealed: [UInt8], authenticating aad: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        guard sealed.count >= Self.overhead else { throw CryptoError.authenticationFailed("AESGCM.open") }
        let context = try GCMContext(key: bytes, encrypting: false)
        let nonceCount = GCMContext.nonceCount
        let plainCount = sealed.count - Self.overhead
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
}
