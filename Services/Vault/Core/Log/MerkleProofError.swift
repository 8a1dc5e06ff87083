import Schema
/// Why a Merkle proof was rejected (RFC 9162 §2.1.3.2, §2.1.4.2).
public enum MerkleProofError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A hash (leaf, root or proof element) that is not 32 bytes.
    case badHashLength
    /// Leaf index not below the tree size, or sizes out of order.
    case indexOutOfRange
    /// More or fewer proof elements than the sizes require.
    case wrongProofLength
    /// The recomputed root differs from the claimed one.
    case rootMismatch

    public var description: String {
        switch self {
        case .badHashLength: "hash is not 32 bytes"
        case .indexOutOfRange: "index or size out of range"
        case .wrongProofLength: "proof has the wrong number of hashes"
        case .rootMismatch: "recomputed root does not match"
        }
    }
}
