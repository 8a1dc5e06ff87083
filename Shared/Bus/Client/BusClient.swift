import Foundation
import Logging
import Schema
import Synchronization
import ZeroMQ

/// A service's connection to the broker: one DEALER on its own `SocketLoop` thread, READY on
/// connect, heartbeats, READY again when the broker stops answering (it may have restarted).
///
/// It moves frames and nothing else: exactly-once delivery is the `BusEndpoint`'s job, with the
/// outbox and inbox.
public final class BusClient: Sendable {
    /// Connection settings.
    public struct Configuration: Sendable {
        /// This peer's routing id, `<service>/<instance>`.
        public var routingID: RoutingID
        /// The broker, e.g. `tcp://127.0.0.1:7700` or `inproc://bus`.
        public var endpoint: String
        public var security: BusSecurity = .none
        /// Heartbeat period; the broker is presumed gone after `brokerTimeoutBeats` silent periods.
        public var heartbeatMilliseconds: Int = 1_000
        public var brokerTimeoutBeats: Int = 3
        public var highWaterMark: Int32 = 200_000

        public init(routingID: RoutingID, endpoint: String, security: BusSecurity = .none) {
            self.routingID = routingID
            self.endpoint = endpoint
            self.security = security
        }
    }

    /// What arrives from the broker.
    public enum Inbound: Sendable {
        case message(Envelope)
        case acks([MessageID])
        case nacks([MessageID], reason: String)
    }

    public let configuration: Configuration
    /// Received traffic, in batches (one per socket wake-up).
    public let inbound: AsyncStream<[Inbound]>
    private let continuation: AsyncStream<[Inbound]>.Continuation
    private let loop: SocketLoop
    private let logger: Logger
    private let lastHeard = Atomic<Int64>(0)
    private let brokerLost = Atomic<Bool>(false)
    private let heardOnce = Atomic<Bool>(false)
    private let silentBeats = Atomic<Int>(0)

    /// Creates the DEALER and connects it (ZeroMQ connects in the background and reconnects by
    /// itself; nothing blocks here).
    public init(configuration: Configuration, context: Context, logger: Logger) throws(ZMQError) {
        self.configuration = configuration
        self.logger = logger
        let socket = try Socket(context: context, type: .dealer)
        try socket.setOption(.routingID, configuration.routingID.bytes)
        try socket.setOption(.linger, 0)
        try socket.setOption(.immediate, true)
        try socket.setOption(.sendHighWaterMark, configuration.highWaterMark)
        try socket.setOption(.receiveHighWaterMark, configuration.highWaterMark)
        try socket.setOption(.reconnectInterval, 100)
        try socket.setOption(.reconnectIntervalMax, 2_000)
        if case .curveClient(let keys, let server) = configuration.security {
            try socket.setOption(.curveServerKey, server)
            try socket.setOption(.curvePublicKey, keys.publicKey)
            try socket.setOption(.curveSecretKey, keys.secretKey)
        }
        try socket.connect(configuration.endpoint)
        loop = try SocketLoop(socket: socket, logger: logger)
        (inbound, continuation) = AsyncStream.makeStream(of: [Inbound].self, bufferingPolicy: .unbounded)
    }

    /// Starts the socket thread and announces this peer.
    public func start() {
        lastHeard.store(SocketLoop.nowMilliseconds(), ordering: .relaxed)
        let callbacks = SocketLoop.Callbacks(
            tickMilliseconds: configuration.heartbeatMilliseconds, endpoint: configuration.endpoint,
            onReceive: { [self] batch in receive(batch) },
            onTick: { [self] in tick() })
        loop.start(callbacks, name: "bus-\(configuration.routingID)")
        loop.send(WireMessage.ready.frames)
    }

    /// Says goodbye to the broker, stops the thread and ends `inbound`.
    public func stop() {
        loop.send(WireMessage.disconnect.frames)
        loop.stop()
        continuation.finish()
    }

    /// Sends one message.
    public func send(_ envelope: Envelope) {
        loop.send(WireMessage.message(header: envelope.header, payload: envelope.payload).frames)
    }

    /// Sends pre-built frames (MSG frames from the outbox) with one wake-up.
    public func send(frames batch: [[Frame]]) { loop.send(batch: batch) }

    /// Acknowledges applied messages to their sender (`service/instance`), in one frame.
    public func acknowledge(_ ids: [MessageID], to destination: String) {
        guard !ids.isEmpty else { return }
        loop.send(WireMessage.ack(destination: destination, ids: ids).frames)
    }

    /// Whether the broker answered within the last `brokerTimeoutBeats` heartbeats.
    public var brokerReachable: Bool { !brokerLost.load(ordering: .relaxed) }

    /// Whether the broker has answered since `start` (it then routes to this peer).
    public var hasReachedBroker: Bool { heardOnce.load(ordering: .relaxed) && brokerReachable }

    private func receive(_ batch: [[Frame]]) {
        lastHeard.store(SocketLoop.nowMilliseconds(), ordering: .relaxed)
        heardOnce.store(true, ordering: .relaxed)
        silentBeats.store(0, ordering: .relaxed)
        if brokerLost.exchange(false, ordering: .relaxed) {
            logger.notice("broker reachable again", metadata: ["peer": "\(configuration.routingID)"])
        }
        var out: [Inbound] = []
        out.reserveCapacity(batch.count)
        for frames in batch {
            do {
                switch try WireMessage(frames: frames[...]) {
                case .message(let header, let payload): out.append(.message(Envelope(header: header, payload: payload)))
                case .ack(_, let ids): out.append(.acks(ids))
                case .nack(_, let ids, let reason): out.append(.nacks(ids, reason: reason))
                case .heartbeat, .ready, .disconnect: break
                }
            } catch {
                logger.warning("dropped malformed frame from broker", metadata: ["reason": "\(error.description)"])
            }
        }
        if !out.isEmpty { continuation.yield(out) }
    }

    private func tick() -> (frames: [[Frame]], reconnect: Bool) {
        let silent = SocketLoop.nowMilliseconds() - lastHeard.load(ordering: .relaxed)
        let limit = Int64(configuration.heartbeatMilliseconds * configuration.brokerTimeoutBeats)
        guard silent > limit else { return ([WireMessage.heartbeat.frames], false) }
        if !brokerLost.exchange(true, ordering: .relaxed) {
            logger.warning("broker not answering heartbeats; announcing again", metadata: [
                "peer": "\(configuration.routingID)", "silentMs": "\(silent)",
            ])
        }
        // READY again: a restarted broker learns this peer even before its next message. Every
        // `brokerTimeoutBeats` silent beats, also a fresh connection.
        let beats = silentBeats.add(1, ordering: .relaxed).newValue
        return ([WireMessage.ready.frames, WireMessage.heartbeat.frames], beats % configuration.brokerTimeoutBeats == 0)
    }
}
