import Schema
import ZeroMQ

/// One bus message, parsed from (or made into) its frames.
///
/// ACK and NACK carry a bare destination frame instead of a full header: they are the hottest
/// traffic after MSG, they are batched (many ids in one frame), and the broker needs only where
/// they go.
public enum WireMessage: Sendable, Equatable {
    case ready
    case message(header: EnvelopeHeader, payload: [UInt8])
    case ack(destination: String, ids: [MessageID])
    case nack(destination: String, ids: [MessageID], reason: String)
    case heartbeat
    case disconnect

    /// The protocol tag, first frame of every message.
    public static let tag = Frame("SD1")

    /// The frames to send (without any routing-id frame).
    public var frames: [Frame] {
        switch self {
        case .ready: [Self.tag, WireCommand.ready.frame]
        case .heartbeat: [Self.tag, WireCommand.heartbeat.frame]
        case .disconnect: [Self.tag, WireCommand.disconnect.frame]
        case .message(let header, let payload):
            [Self.tag, WireCommand.message.frame, Frame(HeaderCodec.encode(header)), Frame(payload)]
        case .ack(let destination, let ids):
            [Self.tag, WireCommand.ack.frame, Frame(destination), Frame(Self.pack(ids))]
        case .nack(let destination, let ids, let reason):
            [Self.tag, WireCommand.nack.frame, Frame(destination), Frame(Self.pack(ids)), Frame(reason)]
        }
    }

    /// Frames of a MSG whose header is already encoded (the outbox stores it encoded).
    public static func messageFrames(encodedHeader: [UInt8], payload: [UInt8]) -> [Frame] {
        [tag, WireCommand.message.frame, Frame(encodedHeader), Frame(payload)]
    }

    /// Parses frames (after any routing-id frame). Anything that is not exactly the protocol is a
    /// typed error; the caller logs it and drops the message.
    public init(frames: ArraySlice<Frame>) throws(BusError) {
        guard frames.count >= 2 else { throw .malformedFrame("expected at least 2 frames, got \(frames.count)") }
        let start = frames.startIndex
        guard frames[start] == Self.tag else { throw .malformedFrame("wrong protocol tag") }
        guard let name = frames[start + 1].string, let command = WireCommand(rawValue: name) else {
            throw .malformedFrame("unknown command")
        }
        let rest = frames.dropFirst(2)
        func expect(_ count: Int) throws(BusError) {
            guard rest.count == count else { throw .malformedFrame("\(name) takes \(count) frames, got \(rest.count)") }
        }
        switch command {
        case .ready: try expect(0); self = .ready
        case .heartbeat: try expect(0); self = .heartbeat
        case .disconnect: try expect(0); self = .disconnect
        case .message:
            try expect(2)
            let header = try HeaderCodec.decode(rest[rest.startIndex].bytes)
            self = .message(header: header, payload: rest[rest.startIndex + 1].bytes)
        case .ack:
            try expect(2)
            self = .ack(destination: try Self.destination(rest[rest.startIndex]), ids: try Self.unpack(rest[rest.startIndex + 1]))
        case .nack:
            try expect(3)
            self = .nack(
                destination: try Self.destination(rest[rest.startIndex]),
                ids: try Self.unpack(rest[rest.startIndex + 1]),
                reason: rest[rest.startIndex + 2].string ?? "")
        }
    }

    static func pack(_ ids: [MessageID]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.count * 16)
        for id in ids { id.append(to: &bytes) }
        return bytes
    }

    static func unpack(_ frame: Frame) throws(BusError) -> [MessageID] {
        let bytes = frame.bytes
        guard bytes.count % 16 == 0 else { throw .malformedFrame("id list of \(bytes.count) bytes") }
        var ids: [MessageID] = []
        ids.reserveCapacity(bytes.count / 16)
        for offset in stride(from: 0, to: bytes.count, by: 16) {
            if let id = MessageID(bytes: bytes, at: offset) { ids.append(id) }
        }
        return ids
    }

    private static func destination(_ frame: Frame) throws(BusError) -> String {
        guard let text = frame.string, !text.isEmpty, text.utf8.count <= 255 else {
            throw .malformedFrame("bad destination")
        }
        return text
    }
}
