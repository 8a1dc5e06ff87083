import Foundation

/// DER bytes as a dictionary key, hashed and compared as one block of memory (`ArraySlice`'s
/// own hashing feeds the hasher a byte at a time, which cost more than the lookup saved).
struct DERBytes: Hashable {
    let bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }
    init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    static func == (lhs: DERBytes, rhs: DERBytes) -> Bool {
        lhs.bytes.count == rhs.bytes.count && lhs.bytes.withUnsafeBytes { left in
            rhs.bytes.withUnsafeBytes { right in
                guard let leftBase = left.baseAddress, let rightBase = right.baseAddress else { return true }  // both empty
                return memcmp(leftBase, rightBase, left.count) == 0
            }
        }
    }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
