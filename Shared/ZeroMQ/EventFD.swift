import CZeroMQ
import Synchronization

/// An eventfd(2) used as a wake-up mailbox for a poll loop owned by another thread:
/// producers enqueue work elsewhere and ``signal()``; the loop polls ``fileDescriptor``
/// (readable when signalled) with a ``Poller`` and ``drain()``s it.
///
/// Thread-safe for `signal` and `drain` from any threads. ``close()`` must not race with
/// them: closing releases the descriptor number, which the process may reuse at once.
public final class EventFD: Sendable {
    /// The descriptor, or -1 once closed. Atomic so that close is idempotent.
    private let descriptor: Atomic<Int32>

    /// Creates the eventfd (`eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)`): non-blocking so
    /// that signal and drain never stall, close-on-exec so children do not inherit it.
    public init() throws(ZMQError) {
        let flags = Int32(truncatingIfNeeded: EFD_NONBLOCK | EFD_CLOEXEC)
        let fd = try zmqCheck("eventfd") { eventfd(0, flags) }
        descriptor = Atomic(fd)
    }

    deinit {
        close()
    }

    /// The descriptor to poll for readability; -1 after ``close()``.
    public var fileDescriptor: Int32 { descriptor.load(ordering: .acquiring) }

    /// Wakes the poller: adds 1 to the counter. A saturated counter (EAGAIN) is already
    /// readable, so that is ignored; EINTR is retried. A no-op after ``close()``.
    public func signal() {
        let fd = fileDescriptor
        guard fd >= 0 else { return }
        var one: UInt64 = 1
        // Failure other than EAGAIN means the descriptor is gone (EBADF), which only a
        // close racing with signal — documented as a misuse — can cause; nothing to do.
        _ = try? zmqCall("eventfd write") { Int32(truncatingIfNeeded: write(fd, &one, 8)) }
    }

    /// Resets the counter: reads until EAGAIN (EINTR retried). A no-op after ``close()``.
    public func drain() {
        let fd = fileDescriptor
        guard fd >= 0 else { return }
        var value: UInt64 = 0
        while true {
            let result = try? zmqCall("eventfd read") { Int32(truncatingIfNeeded: read(fd, &value, 8)) }
            guard case .processed = result else { return }
        }
    }

    /// Closes the descriptor; later calls of `close` do nothing.
    public func close() {
        let fd = descriptor.exchange(-1, ordering: .acquiringAndReleasing)
        // close(2) must not be retried on EINTR on Linux: the descriptor is already gone.
        if fd >= 0 { _ = CZeroMQ.close(fd) }
    }
}
