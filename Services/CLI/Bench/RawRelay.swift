import Foundation
import ZeroMQ

/// The raw baseline of `songdal bench bus`: plain libzmq DEALER → ROUTER → DEALER with opaque
/// frames, the ROUTER only swapping the routing-id frame — what the broker path costs with no
/// protocol, no persistence and no acknowledgements.
struct RawRelay {
    let context: Context
    let endpoint: String
    let frameBytes: Int

    /// Messages per second for `count` messages one way, sender to receiver.
    func throughput(count: Int) throws -> Double {
        let sockets = try connect()
        let router = sockets.router
        let sender = sockets.sender
        let receiver = sockets.receiver
        let payload = Frame([UInt8](repeating: 0xA5, count: frameBytes))
        let done = DispatchSemaphore(value: 0)
        let relayBox = Unchecked(router)
        let receiverBox = Unchecked(receiver)
        Thread {
            guard let socket = relayBox.take() else { return }
            for _ in 0..<count {
                guard case .processed(var frames)? = try? socket.receive(dontWait: false) else { break }
                frames[0] = Frame("rx")
                _ = try? socket.send(frames, dontWait: false)
            }
            _ = socket
        }.start()
        Thread {
            guard let socket = receiverBox.take() else { done.signal(); return }
            for _ in 0..<count { _ = try? socket.receive(dontWait: false) }
            _ = socket
            done.signal()
        }.start()
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<count { _ = try sender.send([payload], dontWait: false) }
        done.wait()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Double(count) / seconds
    }

    /// Round-trip times in microseconds, one message in flight, echoed back by the receiver.
    func roundTrips(count: Int) throws -> [Double] {
        let sockets = try connect()
        let router = sockets.router
        let sender = sockets.sender
        let receiver = sockets.receiver
        let payload = Frame([UInt8](repeating: 0x5A, count: frameBytes))
        let relayBox = Unchecked(router)
        let receiverBox = Unchecked(receiver)
        Thread {
            guard let socket = relayBox.take() else { return }
            for _ in 0..<(2 * count) {
                guard case .processed(var frames)? = try? socket.receive(dontWait: false) else { break }
                frames[0] = Frame(frames[0].string == "tx" ? "rx" : "tx")
                _ = try? socket.send(frames, dontWait: false)
            }
            _ = socket
        }.start()
        Thread {
            guard let socket = receiverBox.take() else { return }
            for _ in 0..<count {
                guard case .processed(let frames)? = try? socket.receive(dontWait: false) else { break }
                _ = try? socket.send(frames, dontWait: false)
            }
            _ = socket
        }.start()
        var samples: [Double] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try sender.send([payload], dontWait: false)
            _ = try sender.receive(dontWait: false)
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000)
        }
        return samples
    }

    /// A relaying ROUTER bound to `endpoint` (unbounded queues, as raw as it gets) and the two
    /// DEALERs, `tx` and `rx`, both already known to it.
    private struct Sockets: ~Copyable {
        var router: Socket
        var sender: Socket
        var receiver: Socket
    }

    private func connect() throws -> Sockets {
        let router = try Socket(context: context, type: .router)
        try router.setOption(.linger, 0)
        try router.setOption(.sendHighWaterMark, 0)
        try router.setOption(.receiveHighWaterMark, 0)
        try router.bind(endpoint)
        let bound = try router.lastEndpoint()
        let receiver = try peer("rx", bound)
        let sender = try peer("tx", bound)
        try waitForRoute(router: router, sender: sender, receiver: receiver)
        return Sockets(router: router, sender: sender, receiver: receiver)
    }

    private func peer(_ name: String, _ endpoint: String) throws -> Socket {
        let socket = try Socket(context: context, type: .dealer)
        try socket.setOption(.linger, 0)
        try socket.setOption(.routingID, Array(name.utf8))
        try socket.setOption(.sendHighWaterMark, 0)
        try socket.setOption(.receiveHighWaterMark, 0)
        try socket.connect(endpoint)
        return socket
    }

    /// Sends a probe until the ROUTER sees both peers (a ROUTER drops frames for unknown ids).
    private func waitForRoute(router: borrowing Socket, sender: borrowing Socket, receiver: borrowing Socket) throws {
        _ = try receiver.send([Frame("hello")], dontWait: false)
        _ = try router.receive(dontWait: false)
        _ = try sender.send([Frame("hello")], dontWait: false)
        _ = try router.receive(dontWait: false)
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
