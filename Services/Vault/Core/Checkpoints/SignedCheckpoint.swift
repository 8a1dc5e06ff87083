import Schema
import Foundation
import SongdalCrypto

/// A signed statement of the log's size and root (VA-4), with a time-stamp token over it.
///
/// The signed bytes are the note body `origin\nsize\nbase64(root)\n` (the C2SP checkpoint
/// layout), so the format is versioned by its origin line and readable by eye.
public struct SignedCheckpoint: Codable, Sendable, Hashable {
    public var origin: String
    public var size: Int
    /// Base64 of the 32-byte root.
    public var root: String
    public var keyId: String
    /// Base64 Ed25519 signature over `note`.
    public var signature: String
    /// RFC 3161 token over SHA-256(`note`).
    public var timeStampToken: TimeStampToken

    public init(origin: String, size: Int, rootHash: [UInt8], keyId: String, signature: [UInt8], timeStampToken: TimeStampToken) {
        self.origin = origin
        self.size = size
        root = Data(rootHash).base64EncodedString()
        self.keyId = keyId
        self.signature = Data(signature).base64EncodedString()
        self.timeStampToken = timeStampToken
    }

    /// The signed note body.
    public static func note(origin: String, size: Int, root: [UInt8]) -> String {
        "\(origin)\n\(size)\n\(Data(root).base64EncodedString())\n"
    }

    public var note: String { "\(origin)\n\(size)\n\(root)\n" }

    public var rootHash: [UInt8] { Data(base64Encoded: root).map { [UInt8]($0) } ?? [] }

    public var signatureBytes: [UInt8] { Data(base64Encoded: signature).map { [UInt8]($0) } ?? [] }

    /// Checks the signature with `key` and the token with `tsa`; returns the problem code, or nil.
    public func problem(key: Ed25519PublicKey?, tsa: X509Certificate) -> String? {
        guard let key, key.keyID == keyId else { return "checkpoint_unknown_key" }
        guard rootHash.count == MerkleHash.size, key.isValidSignature(signatureBytes, for: Array(note.utf8)) else {
            return "checkpoint_signature_invalid"
        }
        do { try timeStampToken.verify(sha256Digest: SHA256.hash(note), certificate: tsa) } catch {
            return "checkpoint_time_stamp_invalid"
        }
        return nil
    }
}
