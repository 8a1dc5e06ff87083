import Testing
import ZeroMQ

@Suite("Socket options round-trip through libzmq")
struct OptionTests {
    @Test func integerBoolBytesAndStringOptions() throws {
        let context = try Context()
        let socket = try makeSocket(context, .dealer)
        #expect(try socket.option(.linger) == 0)
        try socket.setOption(.linger, 250)
        #expect(try socket.option(.linger) == 250)

        try socket.setOption(.maxMessageSize, 1 << 33)  // needs all 64 bits
        #expect(try socket.option(.maxMessageSize) == 1 << 33)

        try socket.setOption(.immediate, true)
        #expect(try socket.option(.immediate))

        let id: [UInt8] = [1, 2, 3, 200]
        try socket.setOption(.routingID, id)
        #expect(try socket.option(.routingID) == id)

        try socket.setOption(.zapDomain, "songdal")
        #expect(try socket.option(.zapDomain) == "songdal")

        try socket.setOption(.sendHighWaterMark, 10)
        try socket.setOption(.heartbeatInterval, 1000)
        #expect(try socket.option(.sendHighWaterMark) == 10)
        #expect(try socket.option(.heartbeatInterval) == 1000)
    }

    @Test func readOnlyOptions() throws {
        let context = try Context()
        let socket = try makeSocket(context, .router)
        #expect(try socket.option(.mechanism) == .null)
        #expect(try socket.option(.fileDescriptor) >= 0)
        #expect(try socket.option(.type) == SocketType.router.rawValue)
    }

    @Test func versionAndCapabilities() {
        let version = ZMQVersion.current
        #expect(version.major == 4)
        #expect(version.minor >= 3)
        #expect(hasCapability("ipc"))
        #expect(!hasCapability("no-such-capability"))
    }
}
