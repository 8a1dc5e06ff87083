/// Result of a non-blocking send/receive: the value, or "would block".
///
/// Would-block is an expected outcome of a non-blocking call, not a failure, so it is a
/// value the caller must look at rather than an error it may forget to catch.
public enum IOResult<T> {
    /// The call completed and produced `T`.
    case processed(T)
    /// The call could not proceed without blocking (`EAGAIN`): queue full on send,
    /// nothing queued on receive, or a receive/send timeout expired.
    case wouldBlock

    /// The processed value, or `nil` for `.wouldBlock`.
    @inlinable
    public var value: T? {
        if case .processed(let value) = self { return value }
        return nil
    }

    /// Whether the call would have blocked.
    @inlinable
    public var isWouldBlock: Bool {
        if case .wouldBlock = self { return true }
        return false
    }
}

extension IOResult: Sendable where T: Sendable {}
extension IOResult: Equatable where T: Equatable {}
extension IOResult: Hashable where T: Hashable {}

extension IOResult {
    /// Transforms the processed value, keeping `.wouldBlock`.
    @inlinable
    public func map<U>(_ transform: (T) -> U) -> IOResult<U> {
        switch self {
        case .processed(let value): return .processed(transform(value))
        case .wouldBlock: return .wouldBlock
        }
    }
}
