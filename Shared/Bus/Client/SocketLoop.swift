import Foundation
import Logging
import Synchronization
import ZeroMQ

/// One thread that owns one ZeroMQ socket (DESIGN §3: a socket lives on one thread).
///
/// Async code never touches the socket: it appends outgoing messages to a mailbox and signals an
/// eventfd, which wakes the thread's `zmq_poll`. Received messages are handed over in batches to
/// `onReceive`, called on the loop thread, which is expected to be quick (yield to a stream).
public final class SocketLoop: @unchecked Sendable {
    /// What the loop does besides moving frames.
    public struct Callbacks: Sendable {
        /// Batches of received multipart messages.
        public var onReceive: @Sendable ([[Frame]]) -> Void
        /// Called at least every `tickMilliseconds` on the loop thread; returns frames to send
        /// (heartbeats, READY) and whether to drop the connection and make it again.
        public var onTick: @Sendable () -> (frames: [[Frame]], reconnect: Bool)
        public var tickMilliseconds: Int
        /// The endpoint to reconnect to when `onTick` asks for it.
        public var endpoint: String?

        public init(tickMilliseconds: Int, endpoint: String? = nil, onReceive: @escaping @Sendable ([[Frame]]) -> Void,
                    onTick: @escaping @Sendable () -> (frames: [[Frame]], reconnect: Bool)) {
            self.onReceive = onReceive
            self.onTick = onTick
            self.tickMilliseconds = tickMilliseconds
            self.endpoint = endpoint
        }
    }

    private struct Mailbox {
        var outgoing: [[Frame]] = []
        var signalled = false
    }

    private let mailbox = Mutex(Mailbox())
    private let wake: EventFD
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let running = Atomic<Bool>(false)
    private let logger: Logger
    private let box: SocketBox
    /// Outgoing messages the mailbox will hold before dropping the oldest (the outbox re-sends
    /// what matters; a query times out and retries).
    public let mailboxLimit: Int

    /// Takes ownership of `socket` (already configured and connected or bound).
    public init(socket: consuming Socket, logger: Logger, mailboxLimit: Int = 500_000) throws(ZMQError) {
        wake = try EventFD()
        box = SocketBox(socket)
        self.logger = logger
        self.mailboxLimit = mailboxLimit
    }

    /// Starts the loop thread.
    public func start(_ callbacks: Callbacks, name: String) {
        guard !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let thread = Thread { [self] in
            runLoop(callbacks)
            box.close()
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Queues one message for sending.
    public func send(_ frames: [Frame]) {
        enqueue { $0.append(frames) }
    }

    /// Queues several messages with one wake-up.
    public func send(batch: [[Frame]]) {
        guard !batch.isEmpty else { return }
        enqueue { $0.append(contentsOf: batch) }
    }

    /// Sends what is queued, closes the socket and joins the thread. Safe to call twice.
    public func stop() {
        guard running.exchange(false, ordering: .acquiringAndReleasing) else { return }
        stopping.store(true, ordering: .releasing)
        wake.signal()
        finished.wait()
    }

    private func enqueue(_ add: (inout [[Frame]]) -> Void) {
        let needsSignal = mailbox.withLock { box -> Bool in
            add(&box.outgoing)
            if box.outgoing.count > mailboxLimit {
                box.outgoing.removeFirst(box.outgoing.count - mailboxLimit)
            }
            defer { box.signalled = true }
            return !box.signalled
        }
        if needsSignal { wake.signal() }
    }

    private func runLoop(_ callbacks: Callbacks) {
        guard let socket = box.socket else { return }
        var poller = Poller()
        let socketIndex = poller.add(socket.pointee, events: .readable)
        let wakeIndex = poller.add(fileDescriptor: wake.fileDescriptor)
        var pending: [[Frame]] = []
        var pendingStart = 0
        var lastTick = Self.nowMilliseconds()
        while !stopping.load(ordering: .acquiring) {
            let timeout = pendingStart < pending.count ? 1 : callbacks.tickMilliseconds
            do {
                _ = try poller.poll(timeoutMilliseconds: timeout)
            } catch {
                logger.error("socket loop poll failed", metadata: ["error": "\(error)"])
                return
            }
            if poller.returnedEvents(at: wakeIndex).contains(.readable) { wake.drain() }
            let taken = mailbox.withLock { box -> [[Frame]] in
                box.signalled = false
                defer { box.outgoing.removeAll(keepingCapacity: true) }
                return box.outgoing
            }
            if !taken.isEmpty {
                if pendingStart == pending.count { pending = taken; pendingStart = 0 } else { pending += taken }
            }
            let now = Self.nowMilliseconds()
            if now - lastTick >= Int64(callbacks.tickMilliseconds) {
                lastTick = now
                let tick = callbacks.onTick()
                if tick.reconnect, let endpoint = callbacks.endpoint {
                    // A fresh connection: the broker may have refused the old one (its routing id
                    // still held by a dying pipe), and inproc never reconnects by itself.
                    try? socket.pointee.disconnect(endpoint)
                    do { try socket.pointee.connect(endpoint) } catch {
                        logger.error("reconnect failed", metadata: ["endpoint": "\(endpoint)", "error": "\(error)"])
                    }
                }
                if !tick.frames.isEmpty { pending.insert(contentsOf: tick.frames, at: pendingStart) }
            }
            pendingStart = flush(socket.pointee, pending, from: pendingStart)
            if pendingStart == pending.count { pending.removeAll(keepingCapacity: true); pendingStart = 0 }
            if pending.count - pendingStart > mailboxLimit {
                pendingStart = pending.count - mailboxLimit
            }
            if poller.returnedEvents(at: socketIndex).contains(.readable) || taken.isEmpty {
                receiveAll(socket.pointee, callbacks)
            }
        }
        _ = flush(socket.pointee, pending, from: pendingStart)
    }

    /// Sends from `start` until done or the socket would block; returns where it stopped.
    private func flush(_ socket: borrowing Socket, _ pending: [[Frame]], from start: Int) -> Int {
        var index = start
        while index < pending.count {
            do {
                if case .wouldBlock = try socket.send(pending[index]) { return index }
            } catch {
                logger.warning("send failed, message dropped", metadata: ["error": "\(error)"])
            }
            index += 1
        }
        return index
    }

    private func receiveAll(_ socket: borrowing Socket, _ callbacks: Callbacks) {
        var batch: [[Frame]] = []
        while batch.count < 4_096 {
            guard case .processed(let frames)? = try? socket.receive() else { break }
            batch.append(frames)
        }
        if !batch.isEmpty { callbacks.onReceive(batch) }
    }

    static func nowMilliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}

/// Holds a non-copyable socket in a class so it can be closed at a chosen moment (on the loop
/// thread, before the context is released).
final class SocketBox: @unchecked Sendable {
    private var storage: UnsafeMutablePointer<Socket>?

    init(_ socket: consuming Socket) {
        let pointer = UnsafeMutablePointer<Socket>.allocate(capacity: 1)
        pointer.initialize(to: socket)
        storage = pointer
    }

    var socket: UnsafeMutablePointer<Socket>? { storage }

    func close() {
        guard let storage else { return }
        storage.deinitialize(count: 1)
        storage.deallocate()
        self.storage = nil
    }

    deinit { close() }
}
