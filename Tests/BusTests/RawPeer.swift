import Bus
import Foundation
import Schema
import ZeroMQ

/// A bare DEALER speaking the wire protocol by hand, to test the broker from outside.
final class RawPeer {
    let socket: Socket
    let name: String

    init(context: Context, endpoint: String, name: String, configure: (borrowing Socket) throws -> Void = { _ in }) throws {
        socket = try Socket(context: context, type: .dealer)
        try socket.setOption(.linger, 0)
        try socket.setOption(.routingID, Array(name.utf8))
        try configure(socket)
        try socket.connect(endpoint)
        self.name = name
    }

    /// Sends, waiting at most two seconds for room: a test must fail, never hang.
    func send(_ frames: [Frame]) throws {
        let deadline = Date().addingTimeInterval(2)
        while case .wouldBlock = try socket.send(frames) {
            guard Date() < deadline else { throw ZMQError(code: ZMQError.wouldBlock, operation: "test send") }
            Thread.sleep(forTimeInterval: 0.005)
        }
    }

    func send(_ message: WireMessage) throws { try send(message.frames) }

    /// The next message within `milliseconds`, or nil.
    func receive(within milliseconds: Int = 2_000) throws -> [Frame]? {
        var poller = Poller()
        _ = poller.add(socket)
        let deadline = Date().addingTimeInterval(Double(milliseconds) / 1000)
        while Date() < deadline {
            if case .processed(let frames) = try socket.receive() { return frames }
            _ = try poller.poll(timeoutMilliseconds: 20)
        }
        return nil
    }

    /// The next parsed message that is not a heartbeat.
    func next(within milliseconds: Int = 2_000) throws -> WireMessage? {
        let deadline = Date().addingTimeInterval(Double(milliseconds) / 1000)
        while Date() < deadline {
            guard let frames = try receive(within: 100) else { continue }
            let message = try WireMessage(frames: frames[...])
            if message != .heartbeat { return message }
        }
        return nil
    }

    /// Sends READY and waits until the broker answers a heartbeat, so it knows this peer.
    func announce() throws -> Bool {
        try send(.ready)
        try send(.heartbeat)
        for _ in 0..<50 {
            if let frames = try receive(within: 100), (try? WireMessage(frames: frames[...])) == .heartbeat { return true }
            try send(.heartbeat)
        }
        return false
    }
}

func makeHeader(to destination: String, from source: String, type: String = "test.item") -> EnvelopeHeader {
    EnvelopeHeader(id: MessageID.make(now: Date()), type: type, source: source, destination: destination)
}
