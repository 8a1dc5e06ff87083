import Schema
import SongdalCrypto

/// Loads a published vault key (PEM from `VaultKeyHistory`) for `CertificateVerifier`.
public enum Ed25519PublicKeyLoader {
    public static func load(_ pem: String) throws -> Ed25519PublicKey { try Ed25519PublicKey(pem: pem) }
}
