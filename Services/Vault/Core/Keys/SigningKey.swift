import Schema
import SongdalCrypto

/// An Ed25519 key the vault signs checkpoints and certificates with, named by its key id.
public struct SigningKey: Sendable {
    public let privateKey: Ed25519PrivateKey
    public var publicKey: Ed25519PublicKey { privateKey.publicKey }
    public var keyId: String { privateKey.publicKey.keyID }

    public init(_ privateKey: Ed25519PrivateKey) { self.privateKey = privateKey }

    public func sign(_ message: [UInt8]) throws -> [UInt8] { try privateKey.sign(message) }
}
