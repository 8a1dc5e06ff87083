import Schema
import SongdalCrypto

/// RFC 6962 §2.1 hashing: leaves and interior nodes are domain-separated by a prefix byte, so a
/// leaf can never be passed off as a node (second-preimage resistance of the tree).
public enum MerkleHash {
    /// Length of every hash in the log.
    public static let size = 32

    /// The root of the empty tree: SHA-256 of nothing.
    public static let emptyRoot: [UInt8] = SHA256.hash([UInt8]())

    /// SHA-256(0x00 ‖ data).
    public static func leaf(_ data: [UInt8]) -> [UInt8] {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: data.count + 1) { buffer in
            buffer[0] = 0
            for (offset, byte) in data.enumerated() { buffer[offset + 1] = byte }
            return SHA256.hash(UnsafeRawBufferPointer(buffer))
        }
    }

    /// SHA-256(0x01 ‖ left ‖ right).
    public static func node(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1 + left.count + right.count) { buffer in
            buffer[0] = 1
            var offset = 1
            for byte in left { buffer[offset] = byte; offset += 1 }
            for byte in right { buffer[offset] = byte; offset += 1 }
            return SHA256.hash(UnsafeRawBufferPointer(buffer))
        }
    }
}
