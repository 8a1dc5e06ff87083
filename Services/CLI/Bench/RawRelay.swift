import Foundation
import Synchronization
import ZeroMQ

/// The raw baseline of `songdal bench bus`: plain libzmq DEALER → ROUTER → DEALER with opaque
/// frames, the ROUTER only swapping the routing-id frame — what the broker path costs with no
/// protocol, no persistence and no acknowledgements.
///
/// Every socket is closed only when the whole measurement is over. The relay used to close its
/// ROUTER (linger 0) as soon as it had *queued* its last message: over `inproc://` the frames
/// are already in the peer's pipe by then, but over `ipc://` (or tcp) they still wait in the
/// session for the I/O thread, and linger 0 throws them away — the receiver then waited in
/// `zmq_msg_recv` forever for messages that no longer existed. Waits are bounded too: every
/// receive has a short timeout and gives up when the measurement stops, and the measuring
/// thread gives up when the messages stop arriving (``stallLimit``) or its task is cancelled
/// (the phase deadline of `songdal bench`).
struct RawRelay {
    let context: Context
    let frameBytes: Int
    /// How long a measurement waits without any progress before it fails.
    var stallLimit: Duration = .seconds(30)
    /// The receive timeout of every socket: how often a blocked thread looks at the stop flag.
    static let pollMilliseconds: Int32 = 100

    enum Failure: Error, CustomStringConvertible {
        case stalled(String, done: Int, of: Int, seconds: Int64)
        case noRoute(String)

        var description: String {
            switch self {
            case .stalled(let what, let done, let total, let seconds):
                "raw relay stalled: \(done) of \(total) \(what) after \(seconds) s without progress"
            case .noRoute(let endpoint): "raw relay: the ROUTER on \(endpoint) never heard from both DEALERs"
            }
        }
    }

    /// Messages per second for `count` messages one way, sender to receiver, over `endpoint`.
    func throughput(count: Int, endpoint: String) throws -> Double {
        let sockets = try connect(endpoint)
        let crew = Crew()
        let received = Progress()
        let payload = Frame([UInt8](repeating: 0xA5, count: frameBytes))
        crew.start(sockets.router) { socket, stop in
            for _ in 0..<count {
                guard var frames = try receive(socket, until: stop) else { return }
                frames[0] = Frame("rx")
                _ = try socket.send(frames, dontWait: false)
            }
        }
        crew.start(sockets.receiver) { socket, stop in
            for _ in 0..<count {
                guard try receive(socket, until: stop) != nil else { return }
                received.advance()
            }
            received.complete()
        }
        defer { crew.finish() }
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<count { _ = try sockets.sender.send([payload], dontWait: false) }
        try wait(for: received, toReach: count, what: "messages received", crew: crew)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Double(count) / seconds
    }

    /// Round-trip times in microseconds, one message in flight, echoed back by the receiver.
    func roundTrips(count: Int, endpoint: String) throws -> [Double] {
        let sockets = try connect(endpoint)
        let crew = Crew()
        let payload = Frame([UInt8](repeating: 0x5A, count: frameBytes))
        crew.start(sockets.router) { socket, stop in
            for _ in 0..<(2 * count) {
                guard var frames = try receive(socket, until: stop) else { return }
                frames[0] = Frame(frames[0].string == "tx" ? "rx" : "tx")
                _ = try socket.send(frames, dontWait: false)
            }
        }
        crew.start(sockets.receiver) { socket, stop in
            for _ in 0..<count {
                guard let frames = try receive(socket, until: stop) else { return }
                _ = try socket.send(frames, dontWait: false)
            }
        }
        defer { crew.finish() }
        var samples: [Double] = []
        samples.reserveCapacity(count)
        for index in 0..<count {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try sockets.sender.send([payload], dontWait: false)
            var waited = ContinuousClock.now
            while true {
                if case .processed = try sockets.sender.receive(dontWait: false) { break }
                try check(crew, what: "round trips", done: index, of: count, since: &waited, progressed: false)
            }
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000)
        }
        return samples
    }

    // MARK: Sockets

    /// A relaying ROUTER bound to `endpoint` (unbounded queues, as raw as it gets) and the two
    /// DEALERs, `tx` and `rx`, both already known to it.
    private struct Sockets: ~Copyable {
        var router: Socket
        var sender: Socket
        var receiver: Socket
    }

    private func connect(_ endpoint: String) throws -> Sockets {
        let router = try Socket(context: context, type: .router)
        try configure(router)
        try router.bind(endpoint)
        let bound = try router.lastEndpoint()
        let receiver = try peer("rx", bound)
        let sender = try peer("tx", bound)
        try waitForRoute(router: router, sender: sender, receiver: receiver, endpoint: bound)
        return Sockets(router: router, sender: sender, receiver: receiver)
    }

    private func configure(_ socket: borrowing Socket) throws {
        // Linger 0 is safe: no socket is closed before every message it queued has arrived.
        try socket.setOption(.linger, 0)
        try socket.setOption(.sendHighWaterMark, 0)
        try socket.setOption(.receiveHighWaterMark, 0)
        try socket.setOption(.receiveTimeout, Self.pollMilliseconds)
    }

    private func peer(_ name: String, _ endpoint: String) throws -> Socket {
        let socket = try Socket(context: context, type: .dealer)
        try configure(socket)
        try socket.setOption(.routingID, Array(name.utf8))
        try socket.connect(endpoint)
        return socket
    }

    /// Each DEALER says hello once and the ROUTER waits until it has heard both (a ROUTER
    /// drops frames for unknown ids). A DEALER queues the hello until its connection, which
    /// over ipc and tcp is made in the background, is up.
    private func waitForRoute(router: borrowing Socket, sender: borrowing Socket, receiver: borrowing Socket,
                              endpoint: String) throws {
        _ = try receiver.send([Frame("hello")], dontWait: false)
        _ = try sender.send([Frame("hello")], dontWait: false)
        var heard: Set<String> = []
        let started = ContinuousClock.now
        while heard.count < 2 {
            if case .processed(let frames) = try router.receive(dontWait: false), let id = frames.first?.string {
                heard.insert(id)
                continue
            }
            try Task.checkCancellation()
            if ContinuousClock.now - started > stallLimit { throw Failure.noRoute(endpoint) }
        }
    }

    /// One message, waiting in slices of ``pollMilliseconds`` until it comes or `stop` is set.
    private func receive(_ socket: borrowing Socket, until stop: Crew) throws -> [Frame]? {
        while !stop.stopped {
            if case .processed(let frames) = try socket.receive(dontWait: false) { return frames }
        }
        return nil
    }

    // MARK: Waiting

    /// Waits until the receiving thread has all `target` messages, in slices of
    /// ``pollMilliseconds`` (no busy loop to take CPU from the threads being measured), failing
    /// on a stall, a failed thread or cancellation.
    private func wait(for progress: Progress, toReach target: Int, what: String, crew: Crew) throws {
        var waited = ContinuousClock.now
        var last = progress.value
        while !progress.awaitCompletion(milliseconds: Int(Self.pollMilliseconds)) {
            let now = progress.value
            try check(crew, what: what, done: now, of: target, since: &waited, progressed: now != last)
            last = now
        }
    }

    /// Throws when the task was cancelled, a relay thread failed, or nothing happened for ``stallLimit``.
    private func check(_ crew: Crew, what: String, done: Int, of total: Int, since waited: inout ContinuousClock.Instant,
                       progressed: Bool) throws {
        if let error = crew.error { throw error }
        try Task.checkCancellation()
        if progressed { waited = ContinuousClock.now; return }
        let stalled = ContinuousClock.now - waited
        if stalled > stallLimit {
            throw Failure.stalled(what, done: done, of: total, seconds: stalled.components.seconds)
        }
    }
}

/// What the receiving thread has: a count, and a signal when it has everything.
final class Progress: Sendable {
    private let count = Atomic<Int>(0)
    private let completed = DispatchSemaphore(value: 0)
    var value: Int { count.load(ordering: .relaxed) }
    func advance() { count.add(1, ordering: .relaxed) }
    func complete() { completed.signal() }
    /// Waits up to `milliseconds` for ``complete()``; true when it came.
    func awaitCompletion(milliseconds: Int) -> Bool {
        completed.wait(timeout: .now() + .milliseconds(milliseconds)) == .success
    }
}

/// The relay's threads: each owns one socket, runs its loop, then keeps the socket open until
/// ``finish()`` — closing a socket while its last messages are still queued would drop them.
final class Crew: Sendable {
    private let stop = Atomic<Bool>(false)
    private let failure = Mutex<(any Error)?>(nil)
    private let exited = DispatchGroup()
    private let release = DispatchSemaphore(value: 0)
    private let members = Atomic<Int>(0)

    var stopped: Bool { stop.load(ordering: .acquiring) }
    var error: (any Error)? { failure.withLock { $0 } }

    /// Runs `body` with `socket` on a thread of its own.
    func start(_ socket: consuming Socket, _ body: @escaping @Sendable (borrowing Socket, Crew) throws -> Void) {
        let box = Unchecked(socket)
        members.add(1, ordering: .relaxed)
        exited.enter()
        Thread { [self] in
            defer { exited.leave() }
            guard let socket = box.take() else { return }
            do { try body(socket, self) } catch { failure.withLock { $0 = $0 ?? error } }
            release.wait()
            _ = consume socket
        }.start()
    }

    /// Ends the measurement: stops the loops that still run, lets every thread close its
    /// socket, and waits for them (each notices the stop flag within one receive timeout).
    func finish() {
        stop.store(true, ordering: .releasing)
        for _ in 0..<members.load(ordering: .relaxed) { release.signal() }
        _ = exited.wait(timeout: .now() + .seconds(10))
    }
}

/// Hands a non-copyable socket to exactly one other thread.
final class Unchecked: @unchecked Sendable {
    private var pointer: UnsafeMutablePointer<Socket>?
    init(_ socket: consuming Socket) {
        let pointer = UnsafeMutablePointer<Socket>.allocate(capacity: 1)
        pointer.initialize(to: socket)
        self.pointer = pointer
    }
    /// Moves the socket out; only the first call finds one.
    func take() -> Socket? {
        guard let pointer else { return nil }
        let socket = pointer.move()
        pointer.deallocate()
        self.pointer = nil
        return socket
    }
}
