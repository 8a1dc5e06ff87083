import Testing
import ZeroMQ

@Suite("Round trips over every transport")
struct RoundTripTests {
    @Test(arguments: Transport.allCases)
    func dealerToRouterAndBack(transport: Transport) throws {
        let context = try Context()
        let router = try makeSocket(context, .router)
        try router.bind(transport.bindEndpoint())
        let endpoint = try router.lastEndpoint()

        let dealer = try makeSocket(context, .dealer)
        try dealer.setOption(.routingID, Array("dealer-1".utf8))
        try dealer.connect(endpoint)

        let request: [Frame] = ["hello", Frame([]), Frame([0, 255, 1, 0])]
        try send(dealer, request)
        let atRouter = try #require(try receive(router))
        // The ROUTER prepends the peer's routing id; the rest arrives unchanged.
        #expect(atRouter == [Frame("dealer-1")] + request)

        try send(router, [atRouter[0], "reply", "2"])
        let atDealer = try #require(try receive(dealer))
        #expect(atDealer == ["reply", "2"])
    }

    @Test(arguments: Transport.allCases)
    func pairBothWays(transport: Transport) throws {
        let context = try Context()
        let left = try makeSocket(context, .pair)
        try left.bind(transport.bindEndpoint())
        let right = try makeSocket(context, .pair)
        try right.connect(try left.lastEndpoint())

        let big = Frame([UInt8](repeating: 7, count: 100_000))  // beyond libzmq's inline size
        try send(right, ["a", big, Frame([])])
        #expect(try receive(left) == ["a", big, Frame([])])

        try send(left, ["single"])
        let back = try #require(try receive(right))
        #expect(back.count == 1)
        #expect(back.first?.string == "single")
    }

    @Test func tcpWildcardBindReportsTheRealPort() throws {
        let context = try Context()
        let socket = try makeSocket(context, .pair)
        try socket.bind("tcp://127.0.0.1:*")
        let endpoint = try socket.lastEndpoint()
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        let port = Int(endpoint.dropFirst("tcp://127.0.0.1:".count))
        #expect((port ?? 0) > 0)
    }

    @Test func singleFrameSendAndSequentialMessagesKeepBoundaries() throws {
        let context = try Context()
        let a = try makeSocket(context, .pair)
        try a.bind(Transport.inproc.bindEndpoint())
        let b = try makeSocket(context, .pair)
        try b.connect(try a.lastEndpoint())

        #expect(try a.send(Frame("one")).isWouldBlock == false)
        try send(a, ["two", "three"])
        #expect(try receive(b) == ["one"])
        #expect(try receive(b) == ["two", "three"])
        #expect(try b.receive().isWouldBlock)
    }
}
