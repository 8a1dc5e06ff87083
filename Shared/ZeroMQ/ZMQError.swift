import CZeroMQ

/// Error from a libzmq call: the errno plus the operation that failed.
///
/// `==` and `hash(into:)` compare both the code and the operation. To test only the
/// kind of failure, compare `code` with one of the named statics, which are plain
/// `Int32` errno values (not `ZMQError` instances):
///
/// ```swift
/// catch let error { if error.code == ZMQError.hostUnreachable { ... } }
/// ```
///
/// or use ``matches(_:)`` / pattern matching (`case ZMQError.terminated:`).
public struct ZMQError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The errno value libzmq (or the kernel) reported.
    public let code: Int32
    /// The call that failed, with its salient argument, e.g. `zmq_bind(tcp://127.0.0.1:7700)`.
    public let operation: String

    /// Creates an error for `operation` with errno `code`.
    public init(code: Int32, operation: String) {
        self.code = code
        self.operation = operation
    }

    /// The operation followed by libzmq's text for the code (`zmq_strerror`, which also
    /// knows the ZMQ-specific codes such as `EFSM` and `ETERM`).
    public var description: String {
        // zmq_strerror never returns NULL, but the importer cannot know that.
        guard let text = zmq_strerror(code) else { return "\(operation): errno \(code)" }
        return "\(operation): \(String(cString: text)) (errno \(code))"
    }

    /// Whether this error carries errno `code` (ignores the operation).
    public func matches(_ code: Int32) -> Bool { self.code == code }

    /// Lets a `switch` over an error match named codes: `case ZMQError.terminated:`.
    public static func ~= (code: Int32, error: ZMQError) -> Bool { error.code == code }

    // The named codes are `Int32` so that they compare with `code` directly; `ZMQError`
    // values carry an operation, which would make `==` against a constant meaningless.

    /// `EAGAIN`: the operation would block (only thrown where a value cannot express it).
    public static let wouldBlock: Int32 = EAGAIN
    /// `EINTR`: interrupted by a signal.
    public static let interrupted: Int32 = EINTR
    /// `ETERM`: the context was shut down or terminated.
    public static let terminated: Int32 = ETERM
    /// `EHOSTUNREACH`: a ROUTER with `routerMandatory` had no peer with that routing id.
    public static let hostUnreachable: Int32 = EHOSTUNREACH
    /// `EINVAL`: an invalid argument, endpoint or option value.
    public static let invalidArgument: Int32 = EINVAL
    /// `EADDRINUSE`: the endpoint is already bound.
    public static let addressInUse: Int32 = EADDRINUSE
    /// `ENOTSOCK`: the handle is not a valid socket.
    public static let notSocket: Int32 = ENOTSOCK
    /// `EPROTONOSUPPORT`: the endpoint's transport is unknown or not compiled in.
    public static let protocolNotSupported: Int32 = EPROTONOSUPPORT
    /// `ENODEV`: the endpoint names a nonexistent interface.
    public static let noDevice: Int32 = ENODEV
    /// `EFSM`: the operation is not valid in the socket's current state (e.g. REQ sending twice).
    public static let fsmState: Int32 = EFSM
    /// `EMFILE`: too many open sockets or file descriptors.
    public static let tooManyFiles: Int32 = EMFILE
}
