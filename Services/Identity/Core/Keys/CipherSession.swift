import SongdalCrypto

/// `IdentityCipher`'s work for one thread or task at a time — an import worker, one resolve
/// batch: the two lookup-hash contexts and the sealer are made once and reused per record, so
/// a row costs only its own hashing and sealing, not OpenSSL context set-up.
///
/// Same keys and outputs as `IdentityCipher` (hashes equal; boxes open with either).
/// Not `Sendable`: never share one between threads; make one per worker.
final class CipherSession {
    private let ciKey: HMACContext
    private let phoneKey: HMACContext
    private let sealer: AESGCMSealer

    init(ciKey: HMACKey, phoneKey: HMACKey, aes: AESGCMKey) throws {
        self.ciKey = try HMACContext(key: ciKey)
        self.phoneKey = try HMACContext(key: phoneKey)
        sealer = AESGCMSealer(key: aes)
    }

    /// Lookup hash of 64 CI bytes.
    func ciHash(_ ci: [UInt8]) -> [UInt8] { ciKey.sha256(ci) }

    /// Lookup hash of normalised phone digits.
    func phoneHash(_ phone: [UInt8]) -> [UInt8] { phoneKey.sha256(phone) }

    func seal(_ plaintext: [UInt8], hash: [UInt8]) throws -> [UInt8] {
        try sealer.seal(plaintext, authenticating: hash)
    }

    func open(_ sealed: [UInt8], hash: [UInt8]) throws -> [UInt8] {
        try sealer.open(sealed, authenticating: hash)
    }
}
