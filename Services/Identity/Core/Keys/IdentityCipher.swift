import SongdalCrypto

/// Sealing and keyed hashing of CIs and phones (ID-5), with the keys prepared once.
///
/// The lookup hashes use two keys derived from the HMAC key (`HMAC(k, "ci")`, `HMAC(k, "phone")`)
/// so a CI hash and a phone hash can never collide or be compared. A sealed value authenticates
/// its own lookup hash as associated data: a ciphertext moved to another row fails to open.
public struct IdentityCipher: Sendable {
    private let aes: AESGCMKey
    private let ciKey: HMACKey
    private let phoneKey: HMACKey

    public init(keys: IdentityKeys) throws {
        aes = keys.aes
        ciKey = try HMACKey(key: HMAC.sha256(key: keys.hmac, data: Array("songdal.identity.ci".utf8)))
        phoneKey = try HMACKey(key: HMAC.sha256(key: keys.hmac, data: Array("songdal.identity.phone".utf8)))
    }

    /// Lookup hash of 64 CI bytes.
    public func ciHash(_ ci: [UInt8]) -> [UInt8] { ciKey.sha256(ci) }

    /// Lookup hash of normalised phone digits.
    public func phoneHash(_ phone: [UInt8]) -> [UInt8] { phoneKey.sha256(phone) }

    /// A single-owner session with the contexts prepared once (hot loops; see `CipherSession`).
    func session() throws -> CipherSession {
        try CipherSession(ciKey: ciKey, phoneKey: phoneKey, aes: aes)
    }

    func seal(_ plaintext: [UInt8], hash: [UInt8]) throws -> [UInt8] {
        try aes.seal(plaintext, authenticating: hash)
    }

    func open(_ sealed: [UInt8], hash: [UInt8]) throws -> [UInt8] {
        try aes.open(sealed, authenticating: hash)
    }
}
