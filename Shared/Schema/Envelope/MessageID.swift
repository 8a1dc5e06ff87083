import Foundation
import Synchronization

/// A time-ordered message id: a UUIDv7 (RFC 9562) — 48 bits of Unix milliseconds, a 12-bit
/// sequence that keeps ids made in the same millisecond ordered, and 62 random bits.
///
/// Ids sort by creation time, so an outbox or inbox keyed by them stays append-mostly, and an
/// operator reading a dead letter can tell when it was made from the id alone.
public struct MessageID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 16 bytes, big-endian: the high 8 and the low 8.
    public let high: UInt64
    public let low: UInt64

    /// Builds an id from its two halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Reads an id from exactly 16 bytes; `nil` for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        self.init(bytes: Array(bytes), at: 0)
    }

    /// Reads the 16 bytes at `offset` of `buffer` (hot path: ACK id lists); `nil` past the end.
    public init?(bytes buffer: [UInt8], at offset: Int) {
        guard offset >= 0, offset + 16 <= buffer.count else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in offset..<offset + 8 { high = high << 8 | UInt64(buffer[index]) }
        for index in offset + 8..<offset + 16 { low = low << 8 | UInt64(buffer[index]) }
        self.init(high: high, low: low)
    }

    /// Parses the canonical 36-character text form (`0190f3c2-...`), case-insensitive.
    public init?(_ text: String) {
        var hex: [UInt8] = []
        hex.reserveCapacity(32)
        for byte in text.utf8 where byte != UInt8(ascii: "-") {
            guard let nibble = Self.nibble(byte) else { return nil }
            hex.append(nibble)
        }
        guard hex.count == 32, text.utf8.count == 36 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<16 { bytes[index] = hex[2 * index] << 4 | hex[2 * index + 1] }
        self.init(bytes: bytes)
    }

    /// The 16 bytes, big-endian.
    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            out[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(index)))
            out[8 + index] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(index)))
        }
        return out
    }

    /// Appends the 16 bytes to `buffer` without an intermediate array.
    public func append(to buffer: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { buffer.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { buffer.append(UInt8(truncatingIfNeeded: low >> UInt64(shift))) }
    }

    /// Milliseconds since 1970 encoded in the id.
    public var unixMilliseconds: Int64 { Int64(bitPattern: high >> 16) }

    public var description: String {
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }

    public static func < (lhs: MessageID, rhs: MessageID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension MessageID {
    private struct GeneratorState {
        var lastMilliseconds: Int64 = 0
        var sequence: UInt64 = 0
        var random = SystemRandomNumberGenerator()
    }

    private static let generator = Mutex(GeneratorState())

    /// Makes a new id for the instant `now` (from the service's clock, so tests stay deterministic
    /// in time). Ids made by one process are strictly increasing, even within one millisecond and
    /// even if the clock steps back.
    public static func make(now: Date) -> MessageID {
        let wall = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        return generator.withLock { state in
            var millis = max(wall, state.lastMilliseconds)
            if millis == state.lastMilliseconds {
                state.sequence += 1
                if state.sequence > 0xFFF {
                    millis += 1
                    state.sequence = 0
                }
            } else {
                state.sequence = 0
            }
            state.lastMilliseconds = millis
            let random = state.random.next()
            let high = UInt64(bitPattern: millis) << 16 | 0x7000 | state.sequence
            let low = (random & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
            return MessageID(high: high, low: low)
        }
    }
}

extension MessageID: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = MessageID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a message id: \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
