import Schema
import Foundation
import SongdalCrypto

/// RFC 3161 tokens from the vault's own TSA (VA-5), made with OpenSSL's TS API so stock
/// `openssl ts -verify` accepts them. Each token gets a random 128-bit serial.
public struct TimeStamper: Sendable {
    public let authority: TimeStampAuthority

    public init(authority: TimeStampAuthority) { self.authority = authority }

    /// A token over a SHA-256 digest at `time` (whole seconds).
    public func stamp(_ digest: [UInt8], at time: Date) throws -> TimeStampToken {
        var serial = try SecureRandom.bytes(16)
        serial[0] |= 0x01  // never all zero
        return try authority.stamp(sha256Digest: digest, time: time, serial: serial)
    }
}
