/// The second frame of every bus message: what the frames after it mean.
public enum WireCommand: String, Sendable, CaseIterable {
    /// Peer → broker: `service/instance` is up. Frames: tag, READY.
    case ready = "READY"
    /// A message. Frames: tag, MSG, header, payload.
    case message = "MSG"
    /// Receiver → sender: applied (or refused for good). Frames: tag, ACK, destination, ids (16 bytes each).
    case ack = "ACK"
    /// Broker → sender: could not deliver. Frames: tag, NACK, destination, ids, reason.
    case nack = "NACK"
    /// Liveness in both directions. Frames: tag, HEARTBEAT.
    case heartbeat = "HEARTBEAT"
    /// Peer → broker: going away cleanly. Frames: tag, DISCONNECT.
    case disconnect = "DISCONNECT"

    /// The frame bytes, made once.
    var frame: Frame { Self.frames[self] ?? Frame(rawValue) }

    private static let frames: [WireCommand: Frame] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, Frame($0.rawValue)) })
}

import ZeroMQ
