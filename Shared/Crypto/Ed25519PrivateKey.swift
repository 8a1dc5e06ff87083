import CSSL
import Foundation

/// An Ed25519 (RFC 8032) signing key: the vault's key for checkpoints, certificates and
/// detached JSON signatures.
public struct Ed25519PrivateKey: Sendable {
    let key: PKey
    /// The matching public key.
    public let publicKey: Ed25519PublicKey

    private init(key: PKey) throws(CryptoError) {
        self.key = key
        publicKey = try Ed25519PublicKey(key: key)
    }

    /// A fresh random key.
    public static func generate() throws(CryptoError) -> Ed25519PrivateKey {
        try Ed25519PrivateKey(key: PKey.generate("ED25519"))
    }

    /// Loads a PKCS#8 PEM `PRIVATE KEY` (as written by `pem` or `openssl genpkey -algorithm ed25519`).
    public init(pem: String) throws(CryptoError) {
        try self.init(key: PKey.privateKey(pem: pem, expecting: EVP_PKEY_ED25519))
    }

    /// Loads the 32-byte private seed.
    public init(rawRepresentation: [UInt8]) throws(CryptoError) {
        guard rawRepresentation.count == 32 else {
            throw CryptoError(operation: "Ed25519PrivateKey.init", reason: "private key must be 32 bytes")
        }
        let pointer = rawRepresentation.withUnsafeBufferPointer {
            EVP_PKEY_new_raw_private_key_ex(nil, "ED25519", nil, $0.baseAddress, 32)
        }
        try self.init(key: PKey(owning: OpenSSL.make("EVP_PKEY_new_raw_private_key_ex") { pointer }))
    }

    /// Unencrypted PKCS#8 PEM; protect it at rest.
    public var pem: String { get throws(CryptoError) { try key.privatePEM() } }

    /// The 32-byte private seed; a secret.
    public var rawRepresentation: [UInt8] { get throws(CryptoError) { try key.raw(private: true) } }

    /// Signs `message`; returns the 64-byte signature (deterministic per RFC 8032).
    public func sign(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
        try OpenSSL.typed("Ed25519.sign") { try message.withUnsafeBytes { try key.sign($0, digest: nil) } }
    }

    /// Signs `Data` or other contiguous bytes without copying them.
    public func sign(_ message: some ContiguousBytes) throws(CryptoError) -> [UInt8] {
        try OpenSSL.typed("Ed25519.sign") { try message.withUnsafeBytes { try key.sign($0, digest: nil) } }
    }
}
