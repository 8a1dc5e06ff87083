import Schema
import Foundation
import GRDB
import SongdalCrypto
import Synchronization

/// The vault's key material: the current Ed25519 signing key and the history of retired ones,
/// the P-256 time-stamp authority with its self-signed certificate, and the master key that
/// wraps per-institution data keys. Created on first start in the keys folder (0600 files), or
/// loaded from there; never part of the repository.
public final class VaultKeys: Sendable {
    public let tsa: TimeStampAuthority
    let master: AESGCMKey
    private let folder: URL
    private let state: Mutex<State>

    struct State {
        var current: SigningKey
        var publicKeys: [String: Ed25519PublicKey]
    }

    init(folder: URL, tsa: TimeStampAuthority, master: AESGCMKey, current: SigningKey, publicKeys: [String: Ed25519PublicKey]) {
        self.folder = folder
        self.tsa = tsa
        self.master = master
        state = Mutex(State(current: current, publicKeys: publicKeys))
    }

    /// The key that signs now.
    public var current: SigningKey { state.withLock { $0.current } }

    /// Every key ever used, by key id (retired keys keep verifying what they signed).
    public var publicKeys: [String: Ed25519PublicKey] { state.withLock { $0.publicKeys } }

    /// Loads the keys from `folder`, creating what is missing, and records the signing key in
    /// the `signing_key` history table.
    public static func load(folder: URL, settings: VaultSettings, pool: DatabasePool, now: Date) throws -> VaultKeys {
        try KeyFiles.prepare(folder)
        let master = try masterKey(folder: folder, settings: settings)
        let tsa = try timeStampAuthority(folder: folder, settings: settings, now: now)
        return try pool.write { db in
            var publicKeys: [String: Ed25519PublicKey] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key_id, public_key FROM signing_key") {
                let key = try Ed25519PublicKey(rawRepresentation: [UInt8](row["public_key"] as Data))
                publicKeys[row["key_id"]] = key
            }
            let currentId = try String.fetchOne(db, sql: "SELECT key_id FROM signing_key WHERE retired_at IS NULL ORDER BY active_from DESC LIMIT 1")
            let current: SigningKey
            if let currentId, let pem = try KeyFiles.read(folder.appendingPathComponent("signing-\(currentId).pem")) {
                current = SigningKey(try Ed25519PrivateKey(pem: pem))
            } else {
                current = try createSigningKey(folder: folder, now: now, in: db)
                publicKeys[current.keyId] = current.publicKey
            }
            return VaultKeys(folder: folder, tsa: tsa, master: master, current: current, publicKeys: publicKeys)
        }
    }

    /// Retires the current signing key and starts signing with a new one. Certificates signed by
    /// the old key keep verifying: it stays in the published history with its retirement time.
    @discardableResult
    public func rotate(now: Date, in db: Database) throws -> SigningKey {
        let old = current
        try db.execute(sql: "UPDATE signing_key SET retired_at = ? WHERE key_id = ?",
                       arguments: [Self.millis(now), old.keyId])
        let new = try Self.createSigningKey(folder: folder, now: now, in: db)
        state.withLock {
            $0.current = new
            $0.publicKeys[new.keyId] = new.publicKey
        }
        return new
    }

    private static func createSigningKey(folder: URL, now: Date, in db: Database) throws -> SigningKey {
        let key = SigningKey(try Ed25519PrivateKey.generate())
        try KeyFiles.create(folder.appendingPathComponent("signing-\(key.keyId).pem"), contents: try key.privateKey.pem)
        try db.execute(sql: "INSERT INTO signing_key (key_id, public_key, active_from, retired_at) VALUES (?, ?, ?, NULL)",
                       arguments: [key.keyId, Data(key.publicKey.rawRepresentation), millis(now)])
        return key
    }

    private static func masterKey(folder: URL, settings: VaultSettings) throws -> AESGCMKey {
        if let hex = settings.masterKeyHex, let bytes = Hex.decodeKey(hex) { return try AESGCMKey(bytes: bytes) }
        let file = folder.appendingPathComponent("master.key")
        if let text = try KeyFiles.read(file) {
            guard let bytes = Hex.decodeKey(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw VaultStartupError.badKeyFile(file.path)
            }
            return try AESGCMKey(bytes: bytes)
        }
        let key = try AESGCMKey.generate()
        try KeyFiles.create(file, contents: Hex.encode(key.bytes) + "\n")
        return key
    }

    private static func timeStampAuthority(folder: URL, settings: VaultSettings, now: Date) throws -> TimeStampAuthority {
        let keyFile = folder.appendingPathComponent("tsa-key.pem")
        let certificateFile = folder.appendingPathComponent("tsa-cert.pem")
        if let keyPEM = try KeyFiles.read(keyFile), let certificatePEM = try KeyFiles.read(certificateFile) {
            return TimeStampAuthority(key: try P256PrivateKey(pem: keyPEM), certificate: try X509Certificate(pem: certificatePEM),
                                      policyOID: settings.timeStampPolicyOID)
        }
        let key = try P256PrivateKey.generate()
        // Valid from well before the first stamp: verifiers (and `openssl ts`, which checks
        // against the real time) must accept tokens whatever clock the vault was started with.
        let certificate = try X509Certificate.selfSigned(
            commonName: "Songdal Vault TSA", organization: "Songdal", key: key, serial: try SecureRandom.bytes(16),
            notBefore: now.addingTimeInterval(-5 * 365 * 86_400), notAfter: now.addingTimeInterval(30 * 365 * 86_400),
            timeStamping: true)
        try KeyFiles.create(keyFile, contents: try key.pem)
        try KeyFiles.create(certificateFile, contents: certificate.pem)
        return TimeStampAuthority(key: key, certificate: certificate, policyOID: settings.timeStampPolicyOID)
    }

    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }
}
