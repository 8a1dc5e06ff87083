import Schema
/// An in-memory RFC 6962 tree that keeps every complete subtree hash per level: appends cost
/// O(1) amortised, roots and proofs O(log n). Used by the auditor to recompute the log and by
/// tests; the durable log (`EvidenceLog`) keeps the same levels in SQLite.
public struct MerkleTree: MerkleNodeSource, Sendable {
    /// `levels[l][i]` is the hash of complete subtree `(l, i)`.
    public private(set) var levels: [[[UInt8]]] = [[]]

    public init() {}

    /// Number of leaves.
    public var size: Int { levels[0].count }

    /// Appends a leaf hash, completing every subtree it closes.
    public mutating func append(leafHash: [UInt8]) {
        levels[0].append(leafHash)
        var level = 0
        var index = levels[0].count - 1
        while index & 1 == 1 {
            let parent = MerkleHash.node(levels[level][index - 1], levels[level][index])
            level += 1
            if levels.count == level { levels.append([]) }
            levels[level].append(parent)
            index >>= 1
        }
    }

    public func perfectHash(level: Int, index: Int) throws -> [UInt8] {
        guard level < levels.count, index < levels[level].count else { throw MerkleProofError.indexOutOfRange }
        return levels[level][index]
    }

    /// The root of the first `size` leaves (default: all).
    public func root(size: Int? = nil) -> [UInt8] {
        (try? MerkleMath.root(self, size: size ?? self.size)) ?? MerkleHash.emptyRoot
    }
}
