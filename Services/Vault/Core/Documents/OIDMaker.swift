import Schema
import SongdalCrypto

/// Package and document ids as OIDs under the configured arc (VA-2), and certificate serials.
///
/// The SPEC writes the last arc as `<hex>`; OID arcs are decimal integers (X.660), so the random
/// 62-bit component is written in decimal to keep the id a valid OID.
public struct OIDMaker: Sendable {
    public let arc: String

    public init(arc: String) { self.arc = arc }

    /// `<arc>.1.<n>` for packages.
    public func packageId() throws -> String { "\(arc).1.\(try Self.component())" }

    /// `<arc>.2.<n>` for documents.
    public func documentId() throws -> String { "\(arc).2.\(try Self.component())" }

    /// A unique certificate serial: 16 random bytes, lowercase hex.
    public static func serial() throws -> String { Hex.encode(try SecureRandom.bytes(16)) }

    /// A random positive 62-bit arc.
    static func component() throws -> UInt64 {
        let bytes = try SecureRandom.bytes(8)
        let value = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return (value >> 2) | 1 << 40  // never tiny, never over 2⁶²
    }

    /// Whether `arc` is dotted decimal with at least two components.
    public static func isValidArc(_ arc: String) -> Bool {
        let parts = arc.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && UInt64($0) != nil }
    }

    /// Whether `id` is an id under this arc.
    public func owns(_ id: String) -> Bool { id.hasPrefix(arc + ".") && Self.isValidArc(id) }
}
