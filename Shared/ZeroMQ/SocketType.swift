import CZeroMQ

/// The libzmq socket types (`ZMQ_PAIR` ... `ZMQ_STREAM`); raw values are the constants.
public enum SocketType: Int32, Sendable, CaseIterable {
    /// `ZMQ_PAIR`: exclusive pair.
    case pair = 0
    /// `ZMQ_PUB`: publisher.
    case pub = 1
    /// `ZMQ_SUB`: subscriber (subscribe with ``SocketOption/subscribe``).
    case sub = 2
    /// `ZMQ_REQ`: strict request side.
    case req = 3
    /// `ZMQ_REP`: strict reply side.
    case rep = 4
    /// `ZMQ_DEALER`: asynchronous request side, round-robin.
    case dealer = 5
    /// `ZMQ_ROUTER`: asynchronous reply side; first frame is the peer's routing id.
    case router = 6
    /// `ZMQ_PULL`: pipeline receiver.
    case pull = 7
    /// `ZMQ_PUSH`: pipeline sender.
    case push = 8
    /// `ZMQ_XPUB`: publisher that sees subscriptions.
    case xpub = 9
    /// `ZMQ_XSUB`: subscriber that sends subscriptions as messages.
    case xsub = 10
    /// `ZMQ_STREAM`: raw TCP.
    case stream = 11
}
