import CSSL
import Foundation

/// An ECDSA P-256 key. Its main use is the RFC 3161 time-stamp authority, whose tokens must
/// verify with stock `openssl ts` (CMS signing there does not take Ed25519).
public struct P256PrivateKey: Sendable {
    let key: PKey

    private init(key: PKey) { self.key = key }

    /// A fresh random key on prime256v1.
    public static func generate() throws(CryptoError) -> P256PrivateKey {
        P256PrivateKey(key: try PKey.generate("EC", group: "P-256"))
    }

    /// Loads a PEM private key (PKCS#8 or `EC PRIVATE KEY`); it must be on P-256.
    public init(pem: String) throws(CryptoError) {
        let key = try PKey.privateKey(pem: pem, expecting: EVP_PKEY_EC)
        var name = [CChar](repeating: 0, count: 64)
        var length = 0
        let ok = name.withUnsafeMutableBufferPointer {
            EVP_PKEY_get_group_name(key.pointer, $0.baseAddress, $0.count, &length)
        }
        let group = String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard ok == 1, group == "prime256v1" || group == "P-256" else {
            throw CryptoError(operation: "P256PrivateKey.init", reason: "expected a P-256 key, got \(group)")
        }
        self.key = key
    }

    /// Unencrypted PKCS#8 PEM; protect it at rest.
    public var pem: String { get throws(CryptoError) { try key.privatePEM() } }

    /// The public key as SubjectPublicKeyInfo PEM.
    public var publicKeyPEM: String { get throws(CryptoError) { try key.publicPEM() } }

    /// ECDSA-SHA-256 signature of `message`, DER-encoded (as X.509/CMS use it).
    public func signature(for message: [UInt8]) throws(CryptoError) -> [UInt8] {
        try OpenSSL.typed("P256.sign") { try message.withUnsafeBytes { try key.sign($0, digest: "SHA256") } }
    }

    /// Verifies a DER ECDSA-SHA-256 signature made by this key's public half.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        signature.withUnsafeBytes { sig in message.withUnsafeBytes { key.verify(sig, message: $0, digest: "SHA256") } }
    }
}
