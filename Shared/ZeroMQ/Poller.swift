import CZeroMQ

/// `zmq_poll` over sockets and plain file descriptors (e.g. an ``EventFD`` mailbox).
///
/// Build once, poll many times: the `zmq_pollitem_t` array is kept and reused.
/// The poller does not own what it polls: registered sockets must stay open (and file
/// descriptors valid) while it is used. Like the sockets it polls, it belongs to one
/// thread, hence not `Sendable`.
public struct Poller {
    private var items: [zmq_pollitem_t]

    /// An empty poller.
    public init() { items = [] }

    /// The number of registered items.
    public var count: Int { items.count }

    /// Registers a socket; returns its index in the results.
    public mutating func add(_ socket: borrowing Socket, events: PollEvents = .readable) -> Int {
        items.append(zmq_pollitem_t(socket: socket.handle, fd: 0, events: events.rawValue, revents: 0))
        return items.count - 1
    }

    /// Registers a plain file descriptor (polled with poll(2) semantics); returns its index.
    public mutating func add(fileDescriptor: Int32, events: PollEvents = .readable) -> Int {
        items.append(zmq_pollitem_t(socket: nil, fd: fileDescriptor, events: events.rawValue, revents: 0))
        return items.count - 1
    }

    /// Changes the events wanted for the item at `index` (e.g. add `.writable` while a send
    /// queue is full). Returns `false`, changing nothing, if there is no such item.
    @discardableResult
    public mutating func setEvents(_ events: PollEvents, at index: Int) -> Bool {
        guard items.indices.contains(index) else { return false }
        items[index].events = events.rawValue
        return true
    }

    /// Waits up to `timeoutMilliseconds` (-1 forever, 0 no wait) for a registered item to
    /// be ready. Returns the number of ready items; a signal (EINTR) returns 0, so the
    /// caller loops as on a timeout. Throws ``ZMQError`` — ``ZMQError/terminated`` when
    /// the context of a polled socket shuts down.
    public mutating func poll(timeoutMilliseconds: Int) throws(ZMQError) -> Int {
        guard let count = Int32(exactly: items.count) else {
            throw ZMQError(code: EINVAL, operation: "zmq_poll(\(items.count) items)")
        }
        let result = try zmqCall("zmq_poll(\(count) items)", interruptIsWouldBlock: true) {
            items.withUnsafeMutableBufferPointer { zmq_poll($0.baseAddress, count, timeoutMilliseconds) }
        }
        switch result {
        case .processed(let ready): return Int(ready)
        case .wouldBlock: return 0
        }
    }

    /// The events the last ``poll(timeoutMilliseconds:)`` found for the item at `index`;
    /// empty for an index that was never returned by `add`.
    public func returnedEvents(at index: Int) -> PollEvents {
        guard items.indices.contains(index) else { return [] }
        return PollEvents(rawValue: items[index].revents)
    }
}

@available(*, unavailable, message: "a Poller refers to sockets owned by one thread")
extension Poller: Sendable {}
