import CZeroMQ

/// A libzmq context: the I/O threads and the `inproc://` namespace sockets share.
///
/// Thread-safe, as libzmq contexts are, hence `Sendable`.
///
/// Lifetime: `deinit` calls `zmq_ctx_term`, which blocks until every socket of the
/// context is closed and its pending messages are sent or dropped according to its
/// `linger` option. Every ``Socket`` keeps a strong reference to its context, so the
/// context is never released while one of them is open; but a socket with unsent
/// messages and the default infinite linger makes the release wait for a peer.
/// All sockets must be closed before the context is released — set
/// ``SocketOption/linger`` to 0 (or a bound) where waiting is not wanted.
public final class Context: @unchecked Sendable {
    // @unchecked: the only state is the immutable handle, and libzmq documents the
    // context functions as thread-safe.

    /// The `void *` context handle, for `zmq_ctx_set`/`zmq_ctx_get` options not wrapped here.
    public let handle: UnsafeMutableRawPointer

    /// Creates a context (`zmq_ctx_new`) with `ioThreads` I/O threads (`ZMQ_IO_THREADS`;
    /// 0 is valid for a context used only with `inproc://`).
    public init(ioThreads: Int = 1) throws(ZMQError) {
        guard let threads = Int32(exactly: ioThreads), threads >= 0 else {
            throw ZMQError(code: EINVAL, operation: "zmq_ctx_set(ZMQ_IO_THREADS, \(ioThreads))")
        }
        let created = try zmqCheck("zmq_ctx_new", failed: { $0 == nil }) { zmq_ctx_new() }
        guard let handle = created else { throw ZMQError(code: EINVAL, operation: "zmq_ctx_new") }
        do {
            try zmqCheck("zmq_ctx_set(ZMQ_IO_THREADS, \(threads))") {
                zmq_ctx_set(handle, ZMQ_IO_THREADS, threads)
            }
        } catch {
            // deinit does not run for a half-initialised object, so terminate here.
            _ = zmq_ctx_term(handle)
            throw error
        }
        self.handle = handle
    }

    /// Shuts the context down (`zmq_ctx_shutdown`): blocking calls on its sockets, in any
    /// thread, return ``ZMQError/terminated`` (`ETERM`), as do later calls. The sockets
    /// still have to be closed; the context is terminated when it is released.
    ///
    /// Idempotent; it cannot fail on a live context, so nothing is thrown.
    public func shutdown() {
        _ = zmq_ctx_shutdown(handle)
    }

    deinit {
        // zmq_ctx_term is documented to return EINTR when interrupted and to be retried;
        // any other error cannot be reported from deinit.
        _ = try? zmqCall("zmq_ctx_term") { zmq_ctx_term(handle) }
    }
}
