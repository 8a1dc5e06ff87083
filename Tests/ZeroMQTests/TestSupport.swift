import Dispatch
import Synchronization
import ZeroMQ

/// The transports every round-trip test runs over.
enum Transport: String, CaseIterable, Sendable, CustomStringConvertible {
    case inproc, ipc, tcp

    var description: String { rawValue }

    /// A fresh endpoint to bind: unique names so parallel tests never collide, and a
    /// wildcard port for TCP (read back with `lastEndpoint()`).
    func bindEndpoint() -> String {
        let unique = UInt64.random(in: 0...UInt64.max)
        switch self {
        case .inproc: return "inproc://songdal-test-\(unique)"
        case .ipc: return "ipc:///tmp/songdal-zmq-test-\(unique).sock"
        case .tcp: return "tcp://127.0.0.1:*"
        }
    }
}

/// A socket with LINGER 0, so that no test can hang in context termination.
func makeSocket(_ context: Context, _ type: SocketType) throws -> Socket {
    let socket = try Socket(context: context, type: type)
    try socket.setOption(.linger, 0)
    return socket
}

/// Waits (with zmq_poll, up to `timeout` ms) for one message; `nil` if none arrived.
func receive(_ socket: borrowing Socket, timeout: Int = 1000) throws -> [Frame]? {
    var poller = Poller()
    let index = poller.add(socket)
    guard try poller.poll(timeoutMilliseconds: timeout) == 1,
        poller.returnedEvents(at: index).contains(.readable)
    else { return nil }
    return try socket.receive().value
}

/// Sends and insists the message was queued.
func send(_ socket: borrowing Socket, _ frames: [Frame]) throws {
    let result = try socket.send(frames)
    if case .wouldBlock = result { throw ZMQError(code: ZMQError.wouldBlock, operation: "test send") }
}

/// A value set on one thread and read on another.
final class Box<Value: Sendable>: Sendable {
    private let storage = Mutex<Value?>(nil)
    func set(_ value: Value) { storage.withLock { $0 = value } }
    var value: Value? { storage.withLock { $0 } }
}

/// Runs `body` on a Dispatch thread (not the cooperative pool, since it may block) and
/// waits at most `seconds` for it; returns whether it finished in time.
func runOnThread(within seconds: Double, _ body: @escaping @Sendable () -> Void) -> Bool {
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        body()
        done.signal()
    }
    return done.wait(timeout: .now() + seconds) == .success
}

/// Starts `body` on a Dispatch thread; the returned function waits up to the given
/// seconds for it to finish and tells whether it did.
enum DispatchThread {
    static func start(_ body: @escaping @Sendable () -> Void) -> (Double) -> Bool {
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            body()
            done.signal()
        }
        return { seconds in done.wait(timeout: .now() + seconds) == .success }
    }
}
