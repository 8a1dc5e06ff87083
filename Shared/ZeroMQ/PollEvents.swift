import CZeroMQ

/// Readiness flags of `zmq_poll` and `ZMQ_EVENTS` (`ZMQ_POLLIN`, `ZMQ_POLLOUT`, `ZMQ_POLLERR`).
public struct PollEvents: OptionSet, Sendable, Hashable {
    /// The flag bits, as in `zmq_pollitem_t.events` (a C `short`).
    public let rawValue: Int16

    /// Flags from their raw bits.
    public init(rawValue: Int16) { self.rawValue = rawValue }

    /// `ZMQ_POLLIN`: at least one message (or, for a plain fd, data) can be received.
    public static let readable = PollEvents(rawValue: Int16(ZMQ_POLLIN))
    /// `ZMQ_POLLOUT`: at least one message can be sent without blocking.
    public static let writable = PollEvents(rawValue: Int16(ZMQ_POLLOUT))
    /// `ZMQ_POLLERR`: an error condition (plain file descriptors only).
    public static let error = PollEvents(rawValue: Int16(ZMQ_POLLERR))
}
