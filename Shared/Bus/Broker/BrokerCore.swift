import Foundation
import Logging
import Schema
import Synchronization
import ZeroMQ

/// The broker's thread-confined part: its sockets and the routing loop. Never touched by two
/// threads; created on the caller's thread and then handed to the routing thread once.
final class BrokerCore {
    let boundEndpoint: String
    private let router: Socket
    private let zap: ZAPHandler?
    private let configuration: BrokerConfiguration
    private let logger: Logger
    private let wake: EventFD
    private var peers = PeerTable()
    private var dice: FaultDice
    private var delayed: [(releaseAt: Int64, frames: [Frame])] = []
    private var malformedCount = 0

    init(configuration: BrokerConfiguration, context: Context, logger: Logger, wake: EventFD) throws(ZMQError) {
        self.configuration = configuration
        self.logger = logger
        self.wake = wake
        self.dice = FaultDice(seed: configuration.faults.seed)
        // The ZAP handler must be bound before the CURVE server socket, or libzmq lets every
        // client in without asking.
        if case .curveServer(_, let allowed) = configuration.security {
            zap = try ZAPHandler(context: context, allowedClients: allowed, logger: logger)
        } else {
            zap = nil
        }
        router = try Socket(context: context, type: .router)
        try router.setOption(.linger, 0)
        try router.setOption(.routerMandatory, true)
        // No ROUTER_HANDOVER (DESIGN §3 asked for it): handing a routing id to a new connection
        // can tear down the old pipe while a multipart message from it is half read, which aborts
        // libzmq 4.3 (`!_more`, fq.cpp). A crashed peer's connection closes at once anyway, so its
        // restart reconnects without needing a handover.
        try router.setOption(.sendHighWaterMark, configuration.highWaterMark)
        try router.setOption(.receiveHighWaterMark, configuration.highWaterMark)
        try router.setOption(.maxMessageSize, configuration.maxMessageBytes)
        if case .curveServer(let keys, _) = configuration.security {
            try router.setOption(.curveServer, true)
            try router.setOption(.curveSecretKey, keys.secretKey)
            try router.setOption(.zapDomain, "songdal")
        }
        try router.bind(configuration.endpoint)
        boundEndpoint = (try? router.lastEndpoint()) ?? configuration.endpoint
    }

    /// Releases the endpoints now: closing a socket frees them asynchronously, and a broker
    /// restarted at once must be able to bind the same address again.
    func unbind() {
        try? router.unbind(boundEndpoint)
        zap?.unbind()
    }

    func run(until stopping: borrowing Atomic<Bool>, faults: borrowing Mutex<BrokerFaults>) {
        var poller = Poller()
        let routerIndex = poller.add(router)
        let wakeIndex = poller.add(fileDescriptor: wake.fileDescriptor)
        let zapIndex = zap.map { poller.add($0.socket) }
        var lastExpiry = Self.nowMilliseconds()
        while !stopping.load(ordering: .acquiring) {
            let timeout = delayed.isEmpty ? configuration.heartbeatMilliseconds : 5
            do {
                _ = try poller.poll(timeoutMilliseconds: timeout)
            } catch {
                logger.error("broker poll failed", metadata: ["error": "\(error)"])
                return
            }
            if poller.returnedEvents(at: wakeIndex).contains(.readable) { wake.drain() }
            if let zapIndex, poller.returnedEvents(at: zapIndex).contains(.readable) { zap?.serve() }
            let currentFaults = faults.withLock { $0 }
            if poller.returnedEvents(at: routerIndex).contains(.readable) {
                drainRouter(faults: currentFaults)
            }
            let now = Self.nowMilliseconds()
            releaseDelayed(now: now)
            if now - lastExpiry >= Int64(configuration.heartbeatMilliseconds) {
                lastExpiry = now
                let cutoff = now - Int64(configuration.heartbeatMilliseconds * configuration.peerTimeoutBeats)
                for peer in peers.expire(silentSince: cutoff) {
                    logger.notice("peer expired (no heartbeat)", metadata: ["peer": "\(peer)"])
                }
            }
        }
    }

    /// Reads everything queued (bounded, so the ZAP socket and timers still get their turn).
    private func drainRouter(faults: BrokerFaults) {
        for _ in 0..<20_000 {
            let received: IOResult<[Frame]>
            do {
                received = try router.receive()
            } catch {
                logger.warning("broker receive failed", metadata: ["error": "\(error)"])
                return
            }
            guard case .processed(let frames) = received else { return }
            handle(frames, faults: faults)
        }
    }

    private func handle(_ frames: [Frame], faults: BrokerFaults) {
        guard let sender = frames.first?.string, frames.count >= 2 else {
            dropMalformed(from: "?", reason: "no routing id")
            return
        }
        let message: WireMessage
        do {
            message = try WireMessage(frames: frames[1...])
        } catch {
            dropMalformed(from: sender, reason: error.description)
            return
        }
        let now = Self.nowMilliseconds()
        if peers.touch(sender, now: now) {
            logger.info("peer connected", metadata: ["peer": "\(sender)"])
        }
        switch message {
        case .ready:
            logger.debug("peer ready", metadata: ["peer": "\(sender)"])
        case .heartbeat:
            send(to: sender, WireMessage.heartbeat.frames)
        case .disconnect:
            peers.remove(sender)
            logger.info("peer disconnected", metadata: ["peer": "\(sender)"])
        case .message(let header, _):
            guard let target = peers.route(header.destination) else {
                nack(sender, ids: [header.id], reason: "no peer for \(header.destination)")
                return
            }
            var forward = frames
            forward[0] = Frame(target)
            forwardWithFaults(forward, drop: faults.dropMessages, faults: faults, sender: sender, id: header.id)
        case .ack(let destination, _):
            // An ACK that cannot be delivered is dropped: the sender re-sends, the receiver's
            // inbox recognises the duplicate and ACKs again.
            guard peers.contains(destination) else { return }
            var forward = frames
            forward[0] = Frame(destination)
            forwardWithFaults(forward, drop: faults.dropAcks, faults: faults, sender: nil, id: nil)
        case .nack:
            dropMalformed(from: sender, reason: "peers do not send NACK")
        }
    }

    private func forwardWithFaults(_ frames: [Frame], drop: Double, faults: BrokerFaults, sender: String?, id: MessageID?) {
        if dice.roll(drop) { return }
        let copies = dice.roll(faults.duplicate) ? 2 : 1
        if faults.delayMilliseconds > 0, dice.roll(faults.delayShare) {
            delayed.append((Self.nowMilliseconds() + Int64(faults.delayMilliseconds), frames))
            return
        }
        for _ in 0..<copies {
            if !send(to: nil, frames), let sender, let id {
                nack(sender, ids: [id], reason: "destination unreachable")
                return
            }
        }
    }

    private func releaseDelayed(now: Int64) {
        guard !delayed.isEmpty else { return }
        let due = delayed.filter { $0.releaseAt <= now }
        delayed.removeAll { $0.releaseAt <= now }
        for item in due { send(to: nil, item.frames) }
    }

    /// Sends `frames` (whose first frame is the routing id unless `to` is given). Returns false
    /// when the peer is gone or its queue is full; a gone peer is forgotten.
    @discardableResult
    private func send(to peer: String?, _ frames: [Frame]) -> Bool {
        let all = peer.map { [Frame($0)] + frames } ?? frames
        do {
            if case .wouldBlock = try router.send(all) { return false }
            return true
        } catch {
            if error.code == ZMQError.hostUnreachable, let gone = all.first?.string {
                peers.remove(gone)
            }
            return false
        }
    }

    private func nack(_ sender: String, ids: [MessageID], reason: String) {
        send(to: sender, WireMessage.nack(destination: sender, ids: ids, reason: reason).frames)
    }

    /// Logs malformed traffic, at most a line per 100 after the first 10, so junk cannot flood
    /// the log either.
    private func dropMalformed(from sender: String, reason: String) {
        malformedCount += 1
        if malformedCount <= 10 || malformedCount % 100 == 0 {
            logger.warning("dropped malformed frame", metadata: [
                "peer": "\(sender)", "reason": "\(reason)", "count": "\(malformedCount)",
            ])
        }
    }

    static func nowMilliseconds() -> Int64 {
        // Transport timing, not domain time: heartbeats measure real elapsed time.
        Int64(Date().timeIntervalSince1970 * 1000)
    }
}
