import Bus
import Foundation
import Logging
import Schema
import Testing
import ZeroMQ

@Suite("Broker")
struct BrokerTests {
    func makeBroker(_ context: Context, endpoint: String = "inproc://broker-\(UUID().uuidString)") throws -> Broker {
        var configuration = BrokerConfiguration(endpoint: endpoint)
        configuration.heartbeatMilliseconds = 100
        var logger = Logger(label: "broker-test")
        logger.logLevel = .critical
        let broker = try Broker(configuration: configuration, context: context, logger: logger)
        try broker.start()
        return broker
    }

    @Test("routes by service name and by exact routing id")
    func routing() throws {
        let context = try Context()
        let broker = try makeBroker(context)
        defer { broker.stop() }
        let endpoint = try #require(broker.boundEndpoint)
        let a = try RawPeer(context: context, endpoint: endpoint, name: "alpha/1")
        let b = try RawPeer(context: context, endpoint: endpoint, name: "beta/1")
        #expect(try a.announce())
        #expect(try b.announce())
        let header = makeHeader(to: "beta", from: "alpha/1")
        try a.send(.message(header: header, payload: Array("hello".utf8)))
        #expect(try b.next() == .message(header: header, payload: Array("hello".utf8)))
        let exact = makeHeader(to: "beta/1", from: "alpha/1")
        try a.send(.message(header: exact, payload: []))
        #expect(try b.next() == .message(header: exact, payload: []))
        // ACKs go back by the exact routing id.
        try b.send(.ack(destination: "alpha/1", ids: [header.id, exact.id]))
        #expect(try a.next() == .ack(destination: "alpha/1", ids: [header.id, exact.id]))
    }

    @Test("an unknown destination gets a NACK naming the message")
    func nackUnknown() throws {
        let context = try Context()
        let broker = try makeBroker(context)
        defer { broker.stop() }
        let a = try RawPeer(context: context, endpoint: try #require(broker.boundEndpoint), name: "alpha/1")
        #expect(try a.announce())
        let header = makeHeader(to: "nobody", from: "alpha/1")
        try a.send(.message(header: header, payload: []))
        guard case .nack(_, let ids, let reason)? = try a.next() else {
            Issue.record("no NACK")
            return
        }
        #expect(ids == [header.id])
        #expect(reason.contains("nobody"))
    }

    @Test("malformed traffic is dropped and the broker keeps serving")
    func malformed() throws {
        let context = try Context()
        let broker = try makeBroker(context)
        defer { broker.stop() }
        let endpoint = try #require(broker.boundEndpoint)
        let a = try RawPeer(context: context, endpoint: endpoint, name: "alpha/1")
        let b = try RawPeer(context: context, endpoint: endpoint, name: "beta/1")
        #expect(try a.announce())
        #expect(try b.announce())
        let junk = (0..<1_048_576).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try a.send([Frame("XX1"), Frame("MSG"), Frame([]), Frame([])])            // wrong tag
        try a.send([WireMessage.tag])                                               // missing frames
        try a.send([WireMessage.tag, Frame("MSG"), Frame([1, 2, 3]), Frame([])])    // garbage header
        try a.send([Frame(junk)])                                                   // 1 MB of junk
        try a.send([WireMessage.tag, Frame("MSG"), Frame(junk), Frame(junk)])       // junk where the header goes
        let header = makeHeader(to: "beta", from: "alpha/1")
        try a.send(.message(header: header, payload: [42]))
        #expect(try b.next() == .message(header: header, payload: [42]))
    }

    @Test("a restarted broker relearns peers from their traffic")
    func restart() throws {
        // ipc, not inproc: libzmq reconnects ipc and tcp peers, never inproc ones.
        let context = try Context()
        let endpoint = "ipc://\(FileManager.default.temporaryDirectory.path)/broker-\(UUID().uuidString).sock"
        var broker = try makeBroker(context, endpoint: endpoint)
        let a = try RawPeer(context: context, endpoint: endpoint, name: "alpha/1")
        let b = try RawPeer(context: context, endpoint: endpoint, name: "beta/1")
        #expect(try a.announce())
        #expect(try b.announce())
        broker.stop()
        broker = try makeBroker(context, endpoint: endpoint)
        defer { broker.stop() }
        #expect(try b.announce())   // what a BusClient does when heartbeats stop being answered
        let header = makeHeader(to: "beta", from: "alpha/1")
        var delivered = false
        for _ in 0..<20 where !delivered {
            try a.send(.message(header: header, payload: []))
            if case .message? = try b.next(within: 200) { delivered = true }
        }
        #expect(delivered)
    }
}
