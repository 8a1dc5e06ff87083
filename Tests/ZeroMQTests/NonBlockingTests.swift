import Testing
import ZeroMQ

@Suite("Would-block is a value, failures are typed errors")
struct NonBlockingTests {
    @Test func receiveOnAnEmptySocketIsWouldBlock() throws {
        let context = try Context()
        let socket = try makeSocket(context, .pull)
        try socket.bind(Transport.inproc.bindEndpoint())
        let result = try socket.receive()
        #expect(result.isWouldBlock)
        #expect(result.value == nil)
    }

    @Test func sendWithoutPeersIsWouldBlock() throws {
        // A PUSH with no connected peer has nowhere to queue, so it would block.
        let context = try Context()
        let socket = try makeSocket(context, .push)
        try socket.bind(Transport.inproc.bindEndpoint())
        #expect(try socket.send(["nobody listens"]).isWouldBlock)
    }

    @Test func blockingReceiveHonoursTheReceiveTimeout() throws {
        let context = try Context()
        let socket = try makeSocket(context, .pull)
        try socket.bind(Transport.inproc.bindEndpoint())
        try socket.setOption(.receiveTimeout, 20)
        let start = ContinuousClock.now
        #expect(try socket.receive(dontWait: false).isWouldBlock)
        #expect(ContinuousClock.now - start >= .milliseconds(15))
    }

    @Test func mandatoryRouterToUnknownPeerThrowsHostUnreachable() throws {
        let context = try Context()
        let router = try makeSocket(context, .router)
        try router.setOption(.routerMandatory, true)
        try router.bind(Transport.inproc.bindEndpoint())
        let error = #expect(throws: ZMQError.self) {
            _ = try router.send(["no-such-peer", "payload"])
        }
        #expect(error?.code == ZMQError.hostUnreachable)
    }

    @Test func routerWithoutMandatoryDropsSilently() throws {
        // The contrast to the test above: libzmq's default is to drop, not to fail.
        let context = try Context()
        let router = try makeSocket(context, .router)
        try router.bind(Transport.inproc.bindEndpoint())
        #expect(try router.send(["no-such-peer", "payload"]).isWouldBlock == false)
    }

    @Test func emptyMessageIsRejected() throws {
        let context = try Context()
        let socket = try makeSocket(context, .pair)
        let error = #expect(throws: ZMQError.self) { _ = try socket.send([]) }
        #expect(error?.code == ZMQError.invalidArgument)
    }

    @Test func eventsReportReadabilityOnlyWhenAMessageIsQueued() throws {
        let context = try Context()
        let a = try makeSocket(context, .pair)
        try a.bind(Transport.inproc.bindEndpoint())
        let b = try makeSocket(context, .pair)
        try b.connect(try a.lastEndpoint())
        #expect(try a.events().contains(.readable) == false)
        #expect(try a.events().contains(.writable))
        try send(b, ["ping"])
        #expect(try a.events().contains(.readable))
        _ = try a.receive()
        #expect(try a.events().contains(.readable) == false)
    }
}
