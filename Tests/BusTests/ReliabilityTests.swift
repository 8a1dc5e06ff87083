import Bus
import Foundation
import GRDB
import Schema
import SongdalTesting
import Store
import Testing

@Suite("Exactly-once delivery (X-2)", .serialized)
struct ReliabilityTests {
    @Test("10,000 messages through 20 % dropped MSG and ACK frames and 10 % duplicates arrive exactly once")
    func lossyBroker() async throws {
        let cluster = try TestCluster(faults: BrokerFaults(dropMessages: 0.2, dropAcks: 0.2, duplicate: 0.1))
        let sink = try await cluster.start(sinkMember)
        let source = try await cluster.start(sourceMember)
        try await sendItems(source, 0..<10_000)
        let done = try await eventually(timeoutSeconds: 120) {
            try await drained(sink, expecting: 10_000, source: source)
        }
        let applied = try await appliedCount(sink)
        #expect(done)
        #expect(applied.rows == 10_000)
        #expect(applied.maxCalls == 1)
        #expect(sink.statistics.deadLettered == 0)
        #expect(sink.statistics.duplicates > 0)   // the faults really happened
        #expect(source.statistics.retried > 0)
        await cluster.shutdown()
    }

    @Test("a receiver stopped mid-stream and restarted on the same store applies each message once")
    func receiverRestart() async throws {
        let cluster = try TestCluster()
        var sink = try await cluster.start(sinkMember)
        let source = try await cluster.start(sourceMember)
        try await sendItems(source, 0..<5_000)
        let first = sink
        _ = try await eventually { try await appliedCount(first).rows > 500 }
        await cluster.stop(service: "sink")
        try await sendItems(source, 5_000..<10_000)
        sink = try await cluster.start(sinkMember)
        let restarted = sink
        let done = try await eventually(timeoutSeconds: 120) {
            try await drained(restarted, expecting: 10_000, source: source)
        }
        #expect(done)
        #expect(try await appliedCount(sink).maxCalls == 1)
        #expect(sink.statistics.deadLettered == 0)
        await cluster.shutdown()
    }

    @Test("a sender restarted mid-stream re-sends what was not acknowledged, and nothing twice")
    func senderRestart() async throws {
        let cluster = try TestCluster(faults: BrokerFaults(dropAcks: 0.3))
        let sink = try await cluster.start(sinkMember)
        var source = try await cluster.start(sourceMember)
        try await sendItems(source, 0..<5_000)
        source = try await cluster.restart(service: "source")
        let restarted = source
        let done = try await eventually(timeoutSeconds: 120) {
            try await drained(sink, expecting: 5_000, source: restarted)
        }
        #expect(done)
        #expect(try await appliedCount(sink).maxCalls == 1)
        await cluster.shutdown()
    }

    @Test("a broker restarted mid-stream loses nothing")
    func brokerRestart() async throws {
        let cluster = try TestCluster(transport: .ipc)
        let sink = try await cluster.start(sinkMember)
        let source = try await cluster.start(sourceMember)
        try await sendItems(source, 0..<5_000)
        _ = try await eventually { try await appliedCount(sink).rows > 200 }
        try await cluster.restartBroker(downFor: 300)
        try await sendItems(source, 5_000..<10_000)
        let done = try await eventually(timeoutSeconds: 120) {
            try await drained(sink, expecting: 10_000, source: source)
        }
        #expect(done)
        #expect(try await appliedCount(sink).maxCalls == 1)
        await cluster.shutdown()
    }
}

@Suite("Request and reply")
struct RequestReplyTests {
    @Test("a query is answered directly; a command's reply comes back through the outbox")
    func queryAndCommand() async throws {
        let cluster = try TestCluster()
        let sink = try await cluster.start(sinkMember)
        let source = try await cluster.start(sourceMember)
        try await sendItems(source, 0..<10)
        _ = try await eventually { try await appliedCount(sink).rows == 10 }
        #expect(try await source.request(CountQuery(minimum: 5)).count == 5)
        #expect(try await source.request(DoubleCommand(n: 21)).n == 42)
        await cluster.shutdown()
    }

    @Test("answering queries costs the answering service no outbox work: the ACKs of replies are not outbox rows")
    func queryRepliesNeedNoOutboxPass() async throws {
        let cluster = try TestCluster()
        let sink = try await cluster.start(sinkMember)
        let source = try await cluster.start(sourceMember)
        for _ in 0..<20 { #expect(try await source.request(CountQuery(minimum: 0)).count == 0) }
        // Query replies are not acknowledged, and an ACK of one would be dropped by the sink's
        // dispatcher; a delete pass for such ACKs would have run within this pause.
        try await Task.sleep(for: .milliseconds(300))
        #expect(sink.statistics.outboxDeletes == 0)
        await cluster.shutdown()
    }

    @Test("a refused command comes back as the handler's typed error")
    func typedRefusal() async throws {
        let cluster = try TestCluster()
        try await cluster.start(sinkMember)
        let source = try await cluster.start(sourceMember)
        await #expect(throws: BusError.rejected(ErrorReply(code: ErrorCode(wire: "negative"), message: "n must not be negative", field: "n"))) {
            try await source.request(DoubleCommand(n: -1))
        }
        await cluster.shutdown()
    }

    @Test("unknown types and malformed payloads get typed errors and the service keeps serving")
    func badInput() async throws {
        let cluster = try TestCluster()
        let sink = try await cluster.start(sinkMember)
        let source = try await cluster.start(sourceMember)
        struct Unknown: BusRequest {
            typealias Reply = CountReply
            static let messageType = MessageType.command("test.nothing", handledBy: "sink")
        }
        struct WrongShape: BusRequest {
            typealias Reply = CountReply
            static let messageType = MessageType.query("test.count", handledBy: "sink")
            let minimum: String
        }
        do {
            _ = try await source.request(Unknown())
            Issue.record("unknown type accepted")
        } catch let BusError.rejected(reply) {
            #expect(reply.code == .unknownMessageType)
        }
        do {
            _ = try await source.request(WrongShape(minimum: "five"))
            Issue.record("malformed payload accepted")
        } catch let BusError.rejected(reply) {
            #expect(reply.code == .malformedPayload)
            #expect(reply.message.contains("minimum"))
        }
        #expect(try await source.request(CountQuery(minimum: 0)).count == 0)
        #expect(sink.statistics.refused >= 2)
        await cluster.shutdown()
    }

    @Test("a query to a service nobody runs fails with a typed error, not a hang")
    func unroutableQuery() async throws {
        let cluster = try TestCluster()
        let source = try await cluster.start(sourceMember)
        await #expect(throws: BusError.self) {
            try await source.request(CountQuery(minimum: 0), timeoutMilliseconds: 300)
        }
        await cluster.shutdown()
    }
}
