import Testing
import ZeroMQ

@Suite("Context lifetime and shutdown")
struct ShutdownTests {
    @Test func closingSocketsThenReleasingTheContextFinishes() {
        let finished = runOnThread(within: 2) {
            do {
                let context = try Context()
                let socket = try makeSocket(context, .dealer)
                // A peer that never answers: the queued message would block termination
                // forever with the default linger; LINGER 0 drops it.
                try socket.connect("tcp://127.0.0.1:9")
                _ = try socket.send(["pending"])
                socket.close()
            } catch {
                Issue.record("unexpected \(error)")
            }
            // Context deinit (zmq_ctx_term) has run here.
        }
        #expect(finished)
    }

    @Test func socketKeepsItsContextAlive() throws {
        weak var weakContext: Context?
        do {
            let socket = try {
                let context = try Context()
                weakContext = context
                return try makeSocket(context, .pair)
            }()
            #expect(weakContext != nil)  // only the socket refers to it now
            try socket.bind(Transport.inproc.bindEndpoint())
        }
        #expect(weakContext == nil)
    }

    @Test func shutdownUnblocksABlockingReceiveWithETERM() throws {
        let context = try Context()
        let ready = Box<Bool>()
        let outcome = Box<Int32>()
        let finished = Box<Bool>()
        let endpoint = Transport.inproc.bindEndpoint()

        let threadDone = DispatchThread.start {
            do {
                let socket = try makeSocket(context, .pull)
                try socket.bind(endpoint)
                ready.set(true)
                _ = try socket.receive(dontWait: false)
                outcome.set(0)  // a message cannot arrive: nobody sends
            } catch let error as ZMQError {
                outcome.set(error.code)
            } catch {
                outcome.set(-1)
            }
            finished.set(true)
        }
        // Wait (briefly, by polling) until the thread owns its socket.
        let deadline = ContinuousClock.now + .seconds(1)
        while ready.value != true && ContinuousClock.now < deadline {
            var idle = Poller()
            _ = try idle.poll(timeoutMilliseconds: 5)
        }
        #expect(ready.value == true)
        context.shutdown()
        #expect(threadDone(1.5))
        #expect(outcome.value == ZMQError.terminated)

        let error = #expect(throws: ZMQError.self) { _ = try Socket(context: context, type: .pair) }
        #expect(error?.code == ZMQError.terminated)
    }
}
