import Foundation
import GRDB
import SongdalCrypto
import Testing
@testable import VaultCore

/// RFC 6962 hashing and RFC 9162 proof verification.
@Suite struct MerkleTests {
    /// The leaves of the certificate-transparency test vectors (hex byte strings).
    static let leaves: [[UInt8]] = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                                    "606162636465666768696a6b6c6d6e6f"].map { Hex.decode($0) ?? [] }
    /// Known roots for the first 0…8 leaves.
    static let roots = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    static func tree(_ count: Int) -> MerkleTree {
        var tree = MerkleTree()
        for index in 0..<count { tree.append(leafHash: MerkleHash.leaf(leaves.isEmpty ? [] : leaves[index % leaves.count] + [UInt8(index / 8)])) }
        return tree
    }

    @Test func knownAnswerRoots() {
        var tree = MerkleTree()
        #expect(Hex.encode(tree.root()) == Self.roots[0])
        for (index, leaf) in Self.leaves.enumerated() {
            tree.append(leafHash: MerkleHash.leaf(leaf))
            #expect(Hex.encode(tree.root()) == Self.roots[index + 1], "size \(index + 1)")
        }
        for size in 0...8 { #expect(Hex.encode(tree.root(size: size)) == Self.roots[size]) }
    }

    @Test func inclusionProofsVerifyAndMutationsFail() throws {
        let tree = Self.tree(13)
        for size in 1...13 {
            let root = tree.root(size: size)
            for index in 0..<size {
                let leaf = tree.levels[0][index]
                let proof = try MerkleMath.inclusionProof(tree, index: index, size: size)
                try MerkleVerifier.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof, root: root)
                for mutated in Self.mutations(proof) {
                    #expect(throws: MerkleProofError.self) {
                        try MerkleVerifier.verifyInclusion(leafHash: leaf, index: index, size: size, proof: mutated, root: root)
                    }
                }
                for (otherIndex, otherSize) in [(index + 1, size), (index - 1, size), (index, size * 2)] where otherIndex >= 0 {
                    if otherIndex == index && otherSize == size { continue }
                    #expect(throws: MerkleProofError.self, "index \(otherIndex) size \(otherSize)") {
                        try MerkleVerifier.verifyInclusion(leafHash: leaf, index: otherIndex, size: otherSize, proof: proof, root: root)
                    }
                }
                // Swapped roots: the proof against the root of a different size.
                if size > 1 {
                    #expect(throws: MerkleProofError.self) {
                        try MerkleVerifier.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof, root: tree.root(size: size - 1))
                    }
                }
            }
        }
    }

    @Test func inclusionRejectsMalformedInput() {
        let tree = Self.tree(4)
        let root = tree.root()
        let leaf = tree.levels[0][1]
        let proof = (try? MerkleMath.inclusionProof(tree, index: 1, size: 4)) ?? []
        #expect(throws: MerkleProofError.indexOutOfRange) {
            try MerkleVerifier.verifyInclusion(leafHash: leaf, index: 4, size: 4, proof: proof, root: root)
        }
        #expect(throws: MerkleProofError.badHashLength) {
            try MerkleVerifier.verifyInclusion(leafHash: Array(leaf.prefix(31)), index: 1, size: 4, proof: proof, root: root)
        }
        #expect(throws: MerkleProofError.badHashLength) {
            try MerkleVerifier.verifyInclusion(leafHash: leaf, index: 1, size: 4, proof: [proof[0] + [0]], root: root)
        }
        #expect(throws: MerkleProofError.badHashLength) {
            try MerkleVerifier.verifyInclusion(leafHash: leaf, index: 1, size: 4, proof: proof, root: root + [0])
        }
    }

    @Test func consistencyProofsVerifyAndMutationsFail() throws {
        let tree = Self.tree(17)
        for second in 1...17 {
            for first in 1...second {
                let proof = try MerkleMath.consistencyProof(tree, first: first, second: second)
                let (firstRoot, secondRoot) = (tree.root(size: first), tree.root(size: second))
                try MerkleVerifier.verifyConsistency(first: first, second: second, firstRoot: firstRoot, secondRoot: secondRoot, proof: proof)
                for mutated in Self.mutations(proof) {
                    #expect(throws: MerkleProofError.self) {
                        try MerkleVerifier.verifyConsistency(first: first, second: second, firstRoot: firstRoot, secondRoot: secondRoot, proof: mutated)
                    }
                }
                if first != second {
                    #expect(throws: MerkleProofError.self) {
                        try MerkleVerifier.verifyConsistency(first: first, second: second, firstRoot: secondRoot, secondRoot: firstRoot, proof: proof)
                    }
                    #expect(throws: MerkleProofError.self) {
                        try MerkleVerifier.verifyConsistency(first: first, second: second * 2, firstRoot: firstRoot, secondRoot: secondRoot, proof: proof)
                    }
                    #expect(throws: MerkleProofError.self) {
                        try MerkleVerifier.verifyConsistency(first: first - 1 == 0 ? first + 1 : first - 1, second: second,
                                                             firstRoot: firstRoot, secondRoot: secondRoot, proof: proof)
                    }
                }
            }
        }
        #expect(throws: MerkleProofError.indexOutOfRange) {
            try MerkleVerifier.verifyConsistency(first: 5, second: 4, firstRoot: tree.root(size: 5), secondRoot: tree.root(size: 4), proof: [])
        }
    }

    /// Bit flips in every element, truncated and extended paths.
    static func mutations(_ proof: [[UInt8]]) -> [[[UInt8]]] {
        var out: [[[UInt8]]] = []
        for index in proof.indices {
            var flipped = proof
            flipped[index][index % 32] ^= 0x01
            out.append(flipped)
        }
        if !proof.isEmpty { out.append(Array(proof.dropLast())) }
        out.append(proof + [MerkleHash.emptyRoot])
        if proof.count > 1 { out.append(Array(proof.reversed())) }
        return out
    }

    @Test func sqliteLogMatchesTheInMemoryTree() throws {
        let fixture = try VaultFixture()
        var tree = MerkleTree()
        var records: [EvidenceRecord] = []
        for index in 0..<37 {
            records.append(EvidenceRecord(type: .delivered, time: Date(timeIntervalSince1970: Double(index)),
                                          documentId: "doc-\(index % 5)", reference: "notice-\(index)"))
            tree.append(leafHash: records[index].leafHash)
        }
        try fixture.store.pool.write { db in
            try EvidenceLog.append(records: Array(records[0..<10]), in: db)
            for record in records[10..<20] { try EvidenceLog.append(record, in: db) }
            try EvidenceLog.append(records: Array(records[20...]), in: db)
        }
        try fixture.store.pool.read { (db: Database) throws -> Void in
            #expect(try EvidenceLog.size(db) == 37)
            for size in [1, 2, 7, 16, 31, 37] {
                #expect(try EvidenceLog.root(size: size, in: db) == tree.root(size: size))
                for index in stride(from: 0, to: size, by: 3) {
                    #expect(try EvidenceLog.inclusionProof(index: index, size: size, in: db)
                            == MerkleMath.inclusionProof(tree, index: index, size: size))
                }
                #expect(try EvidenceLog.consistencyProof(first: 5, second: size < 5 ? 5 : size, in: db)
                        == MerkleMath.consistencyProof(tree, first: 5, second: size < 5 ? 5 : size))
            }
            #expect(EvidenceRecord(bytes: try EvidenceLog.leaf(at: 3, in: db) ?? []) == records[3])
        }
        // Append-only: the triggers refuse edits through the normal path.
        #expect(throws: DatabaseError.self) {
            try fixture.store.pool.write { db in try db.execute(sql: "UPDATE log_leaf SET data = x'00' WHERE idx = 1") }
        }
    }
}
