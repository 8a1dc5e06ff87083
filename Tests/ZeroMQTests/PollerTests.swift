import Dispatch
import Testing
import ZeroMQ

@Suite("Poller over sockets and an EventFD")
struct PollerTests {
    @Test func wakesOnASocket() throws {
        let context = try Context()
        let a = try makeSocket(context, .pair)
        try a.bind(Transport.inproc.bindEndpoint())
        let b = try makeSocket(context, .pair)
        try b.connect(try a.lastEndpoint())

        var poller = Poller()
        let other = try EventFD()
        let fdIndex = poller.add(fileDescriptor: other.fileDescriptor)
        let socketIndex = poller.add(a)
        try send(b, ["wake"])
        do {
            let ready = try poller.poll(timeoutMilliseconds: 1000)
            #expect(ready == 1)
        }
        #expect(poller.returnedEvents(at: socketIndex) == .readable)
        #expect(poller.returnedEvents(at: fdIndex).isEmpty)
    }

    @Test func wakesOnAnEventFDSignalledFromAnotherThread() throws {
        let mailbox = try EventFD()
        var poller = Poller()
        let index = poller.add(fileDescriptor: mailbox.fileDescriptor)
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(20)) { mailbox.signal() }

        let start = ContinuousClock.now
        do {
            let ready = try poller.poll(timeoutMilliseconds: 2000)
            #expect(ready == 1)
        }
        #expect(ContinuousClock.now - start < .seconds(1.5))
        #expect(poller.returnedEvents(at: index).contains(.readable))

        // Draining resets the counter, so the descriptor is quiet again.
        mailbox.drain()
        do {
            let ready = try poller.poll(timeoutMilliseconds: 0)
            #expect(ready == 0)
        }
    }

    @Test func repeatedSignalsCoalesceAndCloseIsIdempotent() throws {
        let mailbox = try EventFD()
        for _ in 0..<5 { mailbox.signal() }
        var poller = Poller()
        _ = poller.add(fileDescriptor: mailbox.fileDescriptor)
        do {
            let ready = try poller.poll(timeoutMilliseconds: 0)
            #expect(ready == 1)
        }
        mailbox.drain()
        do {
            let ready = try poller.poll(timeoutMilliseconds: 0)
            #expect(ready == 0)
        }
        mailbox.close()
        #expect(mailbox.fileDescriptor == -1)
        mailbox.close()
        mailbox.signal()  // no-ops once closed
        mailbox.drain()
    }

    @Test func timesOutWithNothingReadyWhenIdle() throws {
        let context = try Context()
        let socket = try makeSocket(context, .pull)
        try socket.bind(Transport.inproc.bindEndpoint())
        var poller = Poller()
        let index = poller.add(socket)
        let start = ContinuousClock.now
        do {
            let ready = try poller.poll(timeoutMilliseconds: 30)
            #expect(ready == 0)
        }
        #expect(ContinuousClock.now - start >= .milliseconds(25))
        #expect(poller.returnedEvents(at: index).isEmpty)
        #expect(poller.returnedEvents(at: 99).isEmpty)  // out of range is empty, not a trap
    }

    @Test func pollsForWritability() throws {
        let context = try Context()
        let a = try makeSocket(context, .pair)
        try a.bind(Transport.inproc.bindEndpoint())
        let b = try makeSocket(context, .pair)
        try b.connect(try a.lastEndpoint())
        var poller = Poller()
        let index = poller.add(b, events: [.readable, .writable])
        do {
            let ready = try poller.poll(timeoutMilliseconds: 1000)
            #expect(ready == 1)
        }
        #expect(poller.returnedEvents(at: index) == .writable)
        do {
            let changed = poller.setEvents(.readable, at: index)
            #expect(changed)
        }
        do {
            let changed = poller.setEvents(.readable, at: 5)
            #expect(!changed)
        }
        do {
            let ready = try poller.poll(timeoutMilliseconds: 0)
            #expect(ready == 0)
        }
    }
}
