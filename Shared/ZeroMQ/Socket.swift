import CZeroMQ

/// A libzmq socket.
///
/// Not thread-safe (libzmq sockets are not): a socket belongs to one thread at a time,
/// which is why it is neither copyable nor `Sendable`. Non-copyable so that it is closed
/// exactly once: `deinit` (or ``close()``) calls `zmq_close`.
///
/// The socket keeps its ``Context`` alive, so the context cannot be terminated under it.
public struct Socket: ~Copyable {
    /// The `void *` socket handle, for ``Poller`` and options not wrapped here.
    /// Valid until the socket is closed; never pass it to `zmq_close`.
    public let handle: UnsafeMutableRawPointer
    /// The context the socket was created in (kept alive by the socket).
    public let context: Context
    /// The socket's type.
    public let type: SocketType

    /// Creates a socket of `type` in `context` (`zmq_socket`). Throws
    /// ``ZMQError/terminated`` if the context was shut down, ``ZMQError/tooManyFiles``
    /// at the socket limit.
    public init(context: Context, type: SocketType) throws(ZMQError) {
        let created = try zmqCheck("zmq_socket(\(type))", failed: { $0 == nil }) {
            zmq_socket(context.handle, type.rawValue)
        }
        guard let handle = created else { throw ZMQError(code: EINVAL, operation: "zmq_socket(\(type))") }
        self.handle = handle
        self.context = context
        self.type = type
    }

    deinit {
        // zmq_close only fails for an invalid handle, which ownership rules out, and
        // deinit could not report it anyway.
        _ = zmq_close(handle)
    }

    /// Closes the socket now rather than at the end of its scope. Pending messages are
    /// kept according to ``SocketOption/linger``.
    public consuming func close() {
        // Consuming `self` ends its lifetime here, which runs deinit.
    }

    // MARK: Endpoints

    /// Binds to `endpoint` (`zmq_bind`), e.g. `tcp://127.0.0.1:*`, `ipc:///tmp/x`, `inproc://name`.
    public func bind(_ endpoint: String) throws(ZMQError) {
        try zmqCheck("zmq_bind(\(endpoint))") { zmq_bind(handle, endpoint) }
    }

    /// Connects to `endpoint` (`zmq_connect`); the connection itself is made in the background.
    public func connect(_ endpoint: String) throws(ZMQError) {
        try zmqCheck("zmq_connect(\(endpoint))") { zmq_connect(handle, endpoint) }
    }

    /// Stops listening on a bound `endpoint` (`zmq_unbind`); use ``lastEndpoint()`` for wildcard binds.
    public func unbind(_ endpoint: String) throws(ZMQError) {
        try zmqCheck("zmq_unbind(\(endpoint))") { zmq_unbind(handle, endpoint) }
    }

    /// Drops a connection made with ``connect(_:)`` (`zmq_disconnect`).
    public func disconnect(_ endpoint: String) throws(ZMQError) {
        try zmqCheck("zmq_disconnect(\(endpoint))") { zmq_disconnect(handle, endpoint) }
    }

    /// The endpoint actually bound (`ZMQ_LAST_ENDPOINT`), e.g. to learn the port after
    /// binding `tcp://127.0.0.1:*`.
    public func lastEndpoint() throws(ZMQError) -> String {
        try option(.lastEndpoint)
    }

    // MARK: Options

    /// Sets `option` to `value` (`zmq_setsockopt`).
    public func setOption<Value>(_ option: SocketOption<Value>, _ value: Value) throws(ZMQError) {
        let handle = self.handle
        var encodable = true
        try zmqCheck("zmq_setsockopt(\(option.label))") {
            let result = option.encode(value) { bytes in
                zmq_setsockopt(handle, option.name, bytes.baseAddress, bytes.count)
            }
            guard let result else {
                encodable = false
                return 0
            }
            return result
        }
        if !encodable {
            throw ZMQError(code: EINVAL, operation: "zmq_setsockopt(\(option.label)): value not encodable")
        }
    }

    /// Reads `option` (`zmq_getsockopt`).
    public func option<Value>(_ option: SocketOption<Value>) throws(ZMQError) -> Value {
        let handle = self.handle
        var buffer = [UInt8](repeating: 0, count: option.readCapacity)
        var size = buffer.count
        try zmqCheck("zmq_getsockopt(\(option.label))") {
            buffer.withUnsafeMutableBytes { zmq_getsockopt(handle, option.name, $0.baseAddress, &size) }
        }
        let decoded = buffer.withUnsafeBytes { bytes in
            // libzmq never reports more than it was given, but do not trust it blindly.
            option.decode(UnsafeRawBufferPointer(rebasing: bytes.prefix(min(size, bytes.count))))
        }
        guard let decoded else {
            throw ZMQError(code: EINVAL, operation: "zmq_getsockopt(\(option.label)): unexpected value")
        }
        return decoded
    }

    /// `ZMQ_EVENTS`: whether the socket is readable/writable now. Needed after a wake-up
    /// on the edge-triggered ``SocketOption/fileDescriptor``, and before relying on it
    /// again, since reading the events is what re-arms the edge.
    public func events() throws(ZMQError) -> PollEvents {
        // Written out rather than via `option(_:)`: this is on the hot path of FD-driven
        // loops, so no buffer allocation.
        var value: Int32 = 0
        var size = MemoryLayout<Int32>.size
        try zmqCheck("zmq_getsockopt(ZMQ_EVENTS)") { zmq_getsockopt(handle, ZMQ_EVENTS, &value, &size) }
        return PollEvents(rawValue: Int16(truncatingIfNeeded: value))
    }

    // MARK: Messages

    /// Sends all frames as one multipart message (`ZMQ_SNDMORE` on all but the last).
    ///
    /// With `dontWait` true (the default) a full queue returns `.wouldBlock`; otherwise the
    /// call blocks (up to ``SocketOption/sendTimeout``, after which it returns
    /// `.wouldBlock`). EINTR is retried. libzmq queues a multipart message atomically:
    /// once the first frame is accepted the rest are too, so a failure of a later frame
    /// is unexpected and thrown (as is an empty `frames`, `EINVAL`). A ROUTER with
    /// ``SocketOption/routerMandatory`` throws ``ZMQError/hostUnreachable`` for an
    /// unknown routing id.
    public func send(_ frames: [Frame], dontWait: Bool = true) throws(ZMQError) -> IOResult<Void> {
        guard let lastIndex = frames.indices.last else {
            throw ZMQError(code: EINVAL, operation: "zmq_send(empty message)")
        }
        let baseFlags: Int32 = dontWait ? ZMQ_DONTWAIT : 0
        for index in frames.indices {
            let flags = index == lastIndex ? baseFlags : baseFlags | ZMQ_SNDMORE
            if case .wouldBlock = try sendPart(frames[index], flags: flags, index: index, total: frames.count) {
                guard index == frames.startIndex else {
                    throw ZMQError(code: EAGAIN, operation: "zmq_send(frame \(index + 1) of \(frames.count))")
                }
                return .wouldBlock
            }
        }
        return .processed(())
    }

    /// Sends a single-frame message, as ``send(_:dontWait:)`` with one frame but without
    /// building an array.
    public func send(_ frame: Frame, dontWait: Bool = true) throws(ZMQError) -> IOResult<Void> {
        try sendPart(frame, flags: dontWait ? ZMQ_DONTWAIT : 0, index: 0, total: 1).map { _ in () }
    }

    /// One `zmq_send` of one frame (libzmq copies the bytes into its own message).
    @inline(__always)
    private func sendPart(_ frame: Frame, flags: Int32, index: Int, total: Int) throws(ZMQError) -> IOResult<Int32> {
        let handle = self.handle
        return try zmqCall("zmq_send(frame \(index + 1) of \(total))") {
            frame.bytes.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
        }
    }

    /// Receives one whole multipart message.
    ///
    /// With `dontWait` true (the default) returns `.wouldBlock` when nothing is queued;
    /// otherwise blocks (up to ``SocketOption/receiveTimeout``, after which it returns
    /// `.wouldBlock`) and throws ``ZMQError/terminated`` if the context is shut down.
    /// EINTR is retried. Parts of a message arrive together, so a failure after the first
    /// frame is unexpected and thrown.
    public func receive(dontWait: Bool = true) throws(ZMQError) -> IOResult<[Frame]> {
        let handle = self.handle
        let flags: Int32 = dontWait ? ZMQ_DONTWAIT : 0
        // One zmq_msg_t for all parts: zmq_msg_recv releases the previous content itself.
        var message = zmq_msg_t()
        _ = zmq_msg_init(&message)  // cannot fail
        defer { _ = zmq_msg_close(&message) }
        var frames: [Frame] = []
        while true {
            let result = try zmqCall("zmq_msg_recv(frame \(frames.count + 1))") {
                zmq_msg_recv(&message, handle, flags)
            }
            if case .wouldBlock = result {
                guard frames.isEmpty else {
                    throw ZMQError(code: EAGAIN, operation: "zmq_msg_recv(frame \(frames.count + 1))")
                }
                return .wouldBlock
            }
            let size = zmq_msg_size(&message)
            let bytes: [UInt8]
            if size == 0 {
                bytes = []
            } else {
                bytes = [UInt8](UnsafeRawBufferPointer(start: zmq_msg_data(&message), count: size))
            }
            frames.append(Frame(bytes))
            if zmq_msg_more(&message) == 0 { return .processed(frames) }
        }
    }
}
