import Schema
/// Where the hashes of complete subtrees come from: node `(level, index)` covers leaves
/// `index·2^level ..< (index+1)·2^level`. The SQLite log and the in-memory tree both provide it,
/// so proofs are built by one piece of code.
public protocol MerkleNodeSource {
    /// The hash of a complete subtree that lies inside the tree.
    func perfectHash(level: Int, index: Int) throws -> [UInt8]
}
