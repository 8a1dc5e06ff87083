import Schema
/// Proof verification exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 specify: every hash must be 32
/// bytes, the index below the size, and the proof exactly as long as the sizes imply.
public enum MerkleVerifier {
    /// Checks that `leafHash` is leaf `index` of the tree of `size` leaves with `root`.
    public static func verifyInclusion(
        leafHash: [UInt8], index: Int, size: Int, proof: [[UInt8]], root: [UInt8]
    ) throws(MerkleProofError) {
        guard leafHash.count == MerkleHash.size, root.count == MerkleHash.size,
              proof.allSatisfy({ $0.count == MerkleHash.size }) else { throw .badHashLength }
        guard index >= 0, index < size else { throw .indexOutOfRange }
        var fn = index, sn = size - 1
        var r = leafHash
        for p in proof {
            guard sn != 0 else { throw .wrongProofLength }
            if fn & 1 == 1 || fn == sn {
                r = MerkleHash.node(p, r)
                if fn & 1 == 0 {
                    repeat { fn >>= 1; sn >>= 1 } while fn & 1 == 0 && fn != 0
                }
            } else {
                r = MerkleHash.node(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .wrongProofLength }
        guard r == root else { throw .rootMismatch }
    }

    /// Checks that the tree of `first` leaves with `firstRoot` is a prefix of the tree of `second`
    /// leaves with `secondRoot`.
    public static func verifyConsistency(
        first: Int, second: Int, firstRoot: [UInt8], secondRoot: [UInt8], proof: [[UInt8]]
    ) throws(MerkleProofError) {
        guard firstRoot.count == MerkleHash.size, secondRoot.count == MerkleHash.size,
              proof.allSatisfy({ $0.count == MerkleHash.size }) else { throw .badHashLength }
        guard first >= 0, first <= second else { throw .indexOutOfRange }
        if first == second {
            guard proof.isEmpty else { throw .wrongProofLength }
            guard firstRoot == secondRoot else { throw .rootMismatch }
            return
        }
        if first == 0 {
            // Every tree extends the empty one; only the empty proof is well-formed.
            guard proof.isEmpty else { throw .wrongProofLength }
            guard firstRoot == MerkleHash.emptyRoot else { throw .rootMismatch }
            return
        }
        guard !proof.isEmpty else { throw .wrongProofLength }
        var path = proof
        if first & (first - 1) == 0 { path.insert(firstRoot, at: 0) }
        var fn = first - 1, sn = second - 1
        while fn & 1 == 1 { fn >>= 1; sn >>= 1 }
        var fr = path[0], sr = path[0]
        for c in path.dropFirst() {
            guard sn != 0 else { throw .wrongProofLength }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleHash.node(c, fr)
                sr = MerkleHash.node(c, sr)
                if fn & 1 == 0 {
                    repeat { fn >>= 1; sn >>= 1 } while fn & 1 == 0 && fn != 0
                }
            } else {
                sr = MerkleHash.node(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .wrongProofLength }
        guard fr == firstRoot, sr == secondRoot else { throw .rootMismatch }
    }
}
