import Foundation

// The evidence log's signed checkpoints and consistency proofs (VA-4, RFC 9162), so an auditor
// can check that the log was only ever appended to without an export of the store. Handled by
// `vault`; hashes and sizes only, never personal data.

/// One signed checkpoint as the vault keeps it: the note `<origin>\n<size>\n<base64 root>\n`, its
/// Ed25519 signature and the RFC 3161 token over SHA-256(note).
public struct VaultCheckpointEntry: Codable, Sendable, Hashable {
    public var origin: String
    public var size: Int
    /// Standard base64 of the 32-byte root.
    public var root: String
    public var keyId: String
    /// Base64 of the 64-byte signature over the note.
    public var signature: String
    /// Base64 of the DER `TimeStampResp`.
    public var timeStampToken: String
    public var signedAt: Date

    public init(origin: String, size: Int, root: String, keyId: String, signature: String, timeStampToken: String, signedAt: Date) {
        self.origin = origin
        self.size = size
        self.root = root
        self.keyId = keyId
        self.signature = signature
        self.timeStampToken = timeStampToken
        self.signedAt = signedAt
    }
}

/// Signed checkpoints, oldest first, from tree size `fromSize` on.
public struct VaultCheckpointsQuery: BusRequest {
    public typealias Reply = VaultCheckpointList
    public static let messageType = MessageType.query("vault.checkpoints", handledBy: "vault")
    public var fromSize: Int
    public var limit: Int

    public init(fromSize: Int = 0, limit: Int = 100) {
        self.fromSize = fromSize
        self.limit = limit
    }
}

public struct VaultCheckpointList: BusMessage, Hashable {
    public static let messageType = MessageType.reply("vault.checkpoints.reply")
    public var checkpoints: [VaultCheckpointEntry]
    /// The current number of leaves (the latest checkpoint may be a little behind).
    public var logSize: Int

    public init(checkpoints: [VaultCheckpointEntry], logSize: Int) {
        self.checkpoints = checkpoints
        self.logSize = logSize
    }
}

/// The RFC 9162 consistency proof between the trees of `first` and `second` leaves.
public struct VaultConsistencyQuery: BusRequest {
    public typealias Reply = VaultConsistencyProof
    public static let messageType = MessageType.query("vault.consistency", handledBy: "vault")
    public var first: Int
    public var second: Int

    public init(first: Int, second: Int) {
        self.first = first
        self.second = second
    }
}

public struct VaultConsistencyProof: BusMessage, Hashable {
    public static let messageType = MessageType.reply("vault.consistency.reply")
    public var first: Int
    public var second: Int
    /// Hex roots of both trees, as the vault's stored tree gives them (compare them with signed checkpoints).
    public var firstRoot: String
    public var secondRoot: String
    /// Hex hashes, RFC 6962 §2.1.2 order.
    public var proof: [String]

    public init(first: Int, second: Int, firstRoot: String, secondRoot: String, proof: [String]) {
        self.first = first
        self.second = second
        self.firstRoot = firstRoot
        self.secondRoot = secondRoot
        self.proof = proof
    }
}
