import Testing
import ZeroMQ

@Suite("Typed errors")
struct ErrorTests {
    @Test func unknownTransportNamesTheOperation() throws {
        let context = try Context()
        let socket = try makeSocket(context, .pair)
        let error = try #require(#expect(throws: ZMQError.self) { try socket.bind("foo://x") })
        #expect([ZMQError.protocolNotSupported, ZMQError.invalidArgument].contains(error.code))
        #expect(error.operation == "zmq_bind(foo://x)")
        #expect(error.description.contains("zmq_bind(foo://x)"))
    }

    @Test func bindingTheSameTCPPortTwiceIsAddressInUse() throws {
        let context = try Context()
        let first = try makeSocket(context, .pair)
        try first.bind("tcp://127.0.0.1:*")
        let endpoint = try first.lastEndpoint()
        let second = try makeSocket(context, .pair)
        let error = #expect(throws: ZMQError.self) { try second.bind(endpoint) }
        #expect(error?.code == ZMQError.addressInUse)
        #expect(error?.operation == "zmq_bind(\(endpoint))")
    }

    @Test func descriptionCarriesLibzmqText() {
        let error = ZMQError(code: ZMQError.terminated, operation: "zmq_msg_recv(frame 1)")
        // ETERM is a libzmq-specific code, so this checks zmq_strerror is used, not strerror.
        #expect(error.description.hasPrefix("zmq_msg_recv(frame 1): Context was terminated"))
    }

    @Test func namedCodesMatchByCodeOnly() {
        let error = ZMQError(code: ZMQError.hostUnreachable, operation: "zmq_send(frame 1 of 2)")
        #expect(error.matches(ZMQError.hostUnreachable))
        #expect(!error.matches(ZMQError.wouldBlock))
        switch error {
        case ZMQError.terminated: Issue.record("matched the wrong code")
        case ZMQError.hostUnreachable: break
        default: Issue.record("did not match its code")
        }
        // Equality is full-value equality.
        #expect(error != ZMQError(code: ZMQError.hostUnreachable, operation: "other"))
        #expect(error == ZMQError(code: ZMQError.hostUnreachable, operation: "zmq_send(frame 1 of 2)"))
    }

    @Test func invalidArgumentsBeforeReachingLibzmq() throws {
        #expect(throws: ZMQError(code: ZMQError.invalidArgument, operation: "zmq_ctx_set(ZMQ_IO_THREADS, -1)")) {
            _ = try Context(ioThreads: -1)
        }
        let context = try Context()
        let socket = try makeSocket(context, .dealer)
        let error = #expect(throws: ZMQError.self) { try socket.setOption(.curveServerKey, "too short") }
        #expect(error?.code == ZMQError.invalidArgument)
    }

    @Test func readingAWriteOnlyOptionIsLibzmqsInvalidArgument() throws {
        let context = try Context()
        let socket = try makeSocket(context, .sub)
        try socket.setOption(.subscribe, [])
        let error = #expect(throws: ZMQError.self) { _ = try socket.option(.subscribe) }
        #expect(error?.code == ZMQError.invalidArgument)
    }
}
