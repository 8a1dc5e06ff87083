import Schema
/// RFC 6962 §2.1 tree hashes and proofs over any `MerkleNodeSource` (complete subtrees are
/// looked up, never recomputed, so a proof costs O(log n) lookups).
public enum MerkleMath {
    /// Largest power of two strictly below `n` (n ≥ 2).
    static func split(_ n: Int) -> Int {
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    /// MTH(D[start ..< end]); `start` must be aligned as in RFC 6962's recursion.
    public static func rangeHash(_ source: some MerkleNodeSource, start: Int, end: Int) throws -> [UInt8] {
        let count = end - start
        if count <= 0 { return MerkleHash.emptyRoot }
        if count & (count - 1) == 0, start % count == 0 {
            return try source.perfectHash(level: count.trailingZeroBitCount, index: start / count)
        }
        let k = split(count)
        return MerkleHash.node(try rangeHash(source, start: start, end: start + k),
                               try rangeHash(source, start: start + k, end: end))
    }

    /// The root of the first `size` leaves.
    public static func root(_ source: some MerkleNodeSource, size: Int) throws -> [UInt8] {
        try rangeHash(source, start: 0, end: size)
    }

    /// PATH(m, D[0:n]) of RFC 6962 §2.1.1, leaf-side first.
    public static func inclusionProof(_ source: some MerkleNodeSource, index: Int, size: Int) throws -> [[UInt8]] {
        guard index >= 0, index < size else { throw MerkleProofError.indexOutOfRange }
        var path: [[UInt8]] = []
        try inclusion(source, index: index, start: 0, end: size, into: &path)
        return path
    }

    private static func inclusion(_ source: some MerkleNodeSource, index: Int, start: Int, end: Int, into path: inout [[UInt8]]) throws {
        let n = end - start
        guard n > 1 else { return }
        let k = split(n)
        if index < k {
            try inclusion(source, index: index, start: start, end: start + k, into: &path)
            path.append(try rangeHash(source, start: start + k, end: end))
        } else {
            try inclusion(source, index: index - k, start: start + k, end: end, into: &path)
            path.append(try rangeHash(source, start: start, end: start + k))
        }
    }

    /// PROOF(m, D[0:n]) of RFC 6962 §2.1.2.
    public static func consistencyProof(_ source: some MerkleNodeSource, first: Int, second: Int) throws -> [[UInt8]] {
        guard first >= 0, first <= second else { throw MerkleProofError.indexOutOfRange }
        guard first > 0, first < second else { return [] }
        var path: [[UInt8]] = []
        try subproof(source, m: first, start: 0, end: second, complete: true, into: &path)
        return path
    }

    private static func subproof(_ source: some MerkleNodeSource, m: Int, start: Int, end: Int, complete: Bool, into path: inout [[UInt8]]) throws {
        let n = end - start
        if m == n {
            if !complete { path.append(try rangeHash(source, start: start, end: end)) }
            return
        }
        let k = split(n)
        if m <= k {
            try subproof(source, m: m, start: start, end: start + k, complete: complete, into: &path)
            path.append(try rangeHash(source, start: start + k, end: end))
        } else {
            try subproof(source, m: m - k, start: start + k, end: end, complete: false, into: &path)
            path.append(try rangeHash(source, start: start, end: start + k))
        }
    }
}
