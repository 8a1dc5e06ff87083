/// The compact binary form of an `EnvelopeHeader` on the wire.
///
/// Binary rather than JSON because every message crosses the broker, which parses the header to
/// route it: a fixed layout costs a few bounds checks where JSON would cost an allocation per field.
///
/// Layout (big-endian): `format:u8=1 | id:16 | flags:u8 | [correlationId:16] | [causationId:16] |
/// createdAt:i64 | attempt:u32 | version:u16 | type:u16-length+UTF-8 | source:u8-length+UTF-8 |
/// destination:u8-length+UTF-8`. Flags: bit 0 correlation present, bit 1 causation present.
public enum HeaderCodec {
    /// The only layout this build reads and writes.
    public static let format: UInt8 = 1

    /// Encodes `header`. Names longer than their length field are a programming error in the
    /// registry, so they are truncated rather than trapping.
    public static func encode(_ header: EnvelopeHeader) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + header.type.utf8.count + header.source.utf8.count + header.destination.utf8.count)
        out.append(format)
        header.id.append(to: &out)
        var flags: UInt8 = 0
        if header.correlationId != nil { flags |= 1 }
        if header.causationId != nil { flags |= 2 }
        out.append(flags)
        header.correlationId?.append(to: &out)
        header.causationId?.append(to: &out)
        appendInteger(UInt64(bitPattern: header.createdAt), bytes: 8, to: &out)
        appendInteger(UInt64(header.attempt), bytes: 4, to: &out)
        appendInteger(UInt64(header.version), bytes: 2, to: &out)
        let type = Array(header.type.utf8.prefix(Int(UInt16.max)))
        appendInteger(UInt64(type.count), bytes: 2, to: &out)
        out.append(contentsOf: type)
        for name in [header.source, header.destination] {
            let bytes = Array(name.utf8.prefix(255))
            out.append(UInt8(bytes.count))
            out.append(contentsOf: bytes)
        }
        return out
    }

    /// Decodes a header, or throws `BusError.malformedHeader` saying what is wrong.
    public static func decode(_ bytes: [UInt8]) throws(BusError) -> EnvelopeHeader {
        var reader = ByteReader(bytes)
        guard let format = reader.integer(bytes: 1), format == UInt64(self.format) else {
            throw .malformedHeader("unknown header format")
        }
        guard let id = reader.messageID(), let flags = reader.integer(bytes: 1) else {
            throw .malformedHeader("truncated id")
        }
        var correlation: MessageID?
        var causation: MessageID?
        if flags & 1 != 0 {
            guard let value = reader.messageID() else { throw .malformedHeader("truncated correlationId") }
            correlation = value
        }
        if flags & 2 != 0 {
            guard let value = reader.messageID() else { throw .malformedHeader("truncated causationId") }
            causation = value
        }
        guard let created = reader.integer(bytes: 8), let attempt = reader.integer(bytes: 4),
              let version = reader.integer(bytes: 2), let typeLength = reader.integer(bytes: 2),
              let type = reader.string(count: Int(typeLength)),
              let sourceLength = reader.integer(bytes: 1), let source = reader.string(count: Int(sourceLength)),
              let destinationLength = reader.integer(bytes: 1),
              let destination = reader.string(count: Int(destinationLength))
        else { throw .malformedHeader("truncated fields") }
        guard reader.isAtEnd else { throw .malformedHeader("trailing bytes") }
        guard !type.isEmpty, !destination.isEmpty else { throw .malformedHeader("empty type or destination") }
        var header = EnvelopeHeader(
            id: id, type: type, version: UInt16(version), source: source, destination: destination,
            correlationId: correlation, causationId: causation, attempt: UInt32(attempt))
        header.createdAt = Int64(bitPattern: created)
        return header
    }

    /// Reads only the destination, for the broker's hot path; `nil` when the header is malformed.
    public static func destination(of bytes: [UInt8]) -> String? {
        (try? decode(bytes))?.destination
    }

    private static func appendInteger(_ value: UInt64, bytes: Int, to out: inout [UInt8]) {
        for index in stride(from: bytes - 1, through: 0, by: -1) {
            out.append(UInt8(truncatingIfNeeded: value >> UInt64(8 * index)))
        }
    }
}

/// Bounds-checked reading of a byte array; every read returns `nil` past the end.
struct ByteReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func integer(bytes count: Int) -> UInt64? {
        guard offset + count <= bytes.count else { return nil }
        var value: UInt64 = 0
        for index in offset..<offset + count { value = value << 8 | UInt64(bytes[index]) }
        offset += count
        return value
    }

    mutating func messageID() -> MessageID? {
        guard let high = integer(bytes: 8), let low = integer(bytes: 8) else { return nil }
        return MessageID(high: high, low: low)
    }

    mutating func string(count: Int) -> String? {
        guard offset + count <= bytes.count else { return nil }
        let slice = bytes[offset..<offset + count]
        offset += count
        return String(validating: slice, as: UTF8.self)
    }
}
