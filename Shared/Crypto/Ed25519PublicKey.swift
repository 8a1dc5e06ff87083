import CSSL
import Foundation

/// An Ed25519 (RFC 8032) public key: verifies checkpoint, certificate and detached JSON
/// signatures of the vault. Equality and hashing are by the 32 raw bytes.
public struct Ed25519PublicKey: Sendable, Hashable {
    /// The 32-byte public key.
    public let rawRepresentation: [UInt8]
    /// Lowercase hex of the first 8 bytes of SHA-256(raw public key): a short, stable name for
    /// the key in signed documents and logs (kept, as verifiers look keys up by it).
    public let keyID: String
    let key: PKey

    /// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4): SEQUENCE { SEQUENCE
    /// { OID 1.3.101.112 }, BIT STRING (32 bytes) }; the raw key follows. Lets `pem` be built
    /// without a fallible OpenSSL round trip.
    static let spkiPrefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]

    /// Wraps 32 raw public-key bytes; other lengths (or non-points) throw.
    public init(rawRepresentation: [UInt8]) throws(CryptoError) {
        guard rawRepresentation.count == 32 else {
            throw CryptoError(operation: "Ed25519PublicKey.init", reason: "public key must be 32 bytes, got \(rawRepresentation.count)")
        }
        let pointer = rawRepresentation.withUnsafeBufferPointer {
            EVP_PKEY_new_raw_public_key_ex(nil, "ED25519", nil, $0.baseAddress, 32)
        }
        key = PKey(owning: try OpenSSL.make("EVP_PKEY_new_raw_public_key_ex") { pointer })
        self.rawRepresentation = rawRepresentation
        keyID = Self.keyID(rawRepresentation)
    }

    /// Parses a PEM `PUBLIC KEY` holding an Ed25519 key.
    public init(pem: String) throws(CryptoError) {
        let key = try PKey.publicKey(pem: pem, expecting: EVP_PKEY_ED25519)
        self.key = key
        rawRepresentation = try key.raw(private: false)
        keyID = Self.keyID(rawRepresentation)
    }

    init(key: PKey) throws(CryptoError) {
        self.key = key
        rawRepresentation = try key.raw(private: false)
        keyID = Self.keyID(rawRepresentation)
    }

    /// SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`), as `openssl pkey -pubout` writes it.
    public var pem: String {
        let base64 = Data(Self.spkiPrefix + rawRepresentation).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN PUBLIC KEY-----\n\(base64)\n-----END PUBLIC KEY-----\n"
    }

    static func keyID(_ raw: [UInt8]) -> String { Hex.encode(SHA256.hash(raw).prefix(8)) }

    /// True only if `signature` is a valid Ed25519 signature of `message` by this key.
    /// Wrong length, malformed, or mismatching signatures all return false.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64 else { return false }
        return signature.withUnsafeBytes { sig in
            message.withUnsafeBytes { key.verify(sig, message: $0, digest: nil) }
        }
    }

    /// `isValidSignature` for `Data`/buffer messages, without copying them.
    public func isValidSignature(_ signature: [UInt8], for message: some ContiguousBytes) -> Bool {
        guard signature.count == 64 else { return false }
        return signature.withUnsafeBytes { sig in
            message.withUnsafeBytes { key.verify(sig, message: $0, digest: nil) }
        }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawRepresentation == rhs.rawRepresentation }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawRepresentation) }
}
