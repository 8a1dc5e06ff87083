import CZeroMQ

// The one place where C return codes become Swift values, modelled on SwiftNIO's
// `System.swift`: every libzmq (and eventfd) call in this module goes through `zmqCall`,
// so EINTR, EAGAIN and errors are handled identically everywhere.

/// Runs `body` until it is not interrupted and classifies its result.
///
/// - `failed` decides whether the C return value signals failure (`-1`, `NULL`, ...);
///   the reason is then read with `zmq_errno()` (which is `errno` on POSIX and also works
///   for the kernel calls `read`/`write`/`eventfd`).
/// - `EINTR` re-runs `body`, unless `interruptIsWouldBlock` is set: for `zmq_poll`,
///   where restarting would restart the whole timeout, the caller gets `.wouldBlock`.
/// - `EAGAIN` is returned as `.wouldBlock`.
/// - Anything else throws a `ZMQError` naming `operation`, which is an autoclosure so that
///   the description is only built on the (cold) failure path.
@inline(__always)
internal func zmqCall<T>(
    _ operation: @autoclosure () -> String,
    interruptIsWouldBlock: Bool = false,
    failed: (T) -> Bool,
    _ body: () -> T
) throws(ZMQError) -> IOResult<T> {
    while true {
        let result = body()
        if !failed(result) { return .processed(result) }
        let code = zmq_errno()
        switch code {
        case EINTR where !interruptIsWouldBlock:
            continue
        case EINTR, EAGAIN:
            return .wouldBlock
        default:
            throw ZMQError(code: code, operation: operation())
        }
    }
}

/// `zmqCall` for the usual `int` result where `-1` is failure.
@inline(__always)
internal func zmqCall(
    _ operation: @autoclosure () -> String,
    interruptIsWouldBlock: Bool = false,
    _ body: () -> Int32
) throws(ZMQError) -> IOResult<Int32> {
    try zmqCall(operation(), interruptIsWouldBlock: interruptIsWouldBlock, failed: { $0 == -1 }, body)
}

/// `zmqCall` for calls where would-block is not a meaningful outcome (bind, setsockopt,
/// ...): `EAGAIN` is then thrown like any other error.
@inline(__always)
internal func zmqCheck<T>(
    _ operation: @autoclosure () -> String,
    failed: (T) -> Bool,
    _ body: () -> T
) throws(ZMQError) -> T {
    switch try zmqCall(operation(), failed: failed, body) {
    case .processed(let value): return value
    case .wouldBlock: throw ZMQError(code: EAGAIN, operation: operation())
    }
}

/// `zmqCheck` for the usual `int` result where `-1` is failure.
@inline(__always)
@discardableResult
internal func zmqCheck(_ operation: @autoclosure () -> String, _ body: () -> Int32) throws(ZMQError) -> Int32 {
    try zmqCheck(operation(), failed: { $0 == -1 }, body)
}
