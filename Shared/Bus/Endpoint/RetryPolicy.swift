/// When the outbox re-sends a message that was not acknowledged.
public struct RetryPolicy: Sendable, Equatable {
    /// How long to wait for an ACK before the first re-send.
    public var ackTimeoutMilliseconds: Int = 2_000
    /// Back-off after a NACK or a missed ACK: doubles from `initial` up to `maximum`, with ± `jitter`.
    public var initialBackoffMilliseconds: Int = 200
    public var maximumBackoffMilliseconds: Int = 30_000
    public var jitter: Double = 0.2
    /// Sends before a message goes to dead letter. With the defaults about four hours of retrying,
    /// enough to ride out a receiver's restart or a broker upgrade, short enough to be noticed.
    public var maximumAttempts: Int = 500

    public init() {}

    /// The delay before attempt `attempt + 1` (attempt counts sends already made, from 1).
    public func backoff(afterAttempt attempt: Int, random: Double) -> Int {
        let exponent = min(max(attempt - 1, 0), 20)
        let base = min(Double(initialBackoffMilliseconds) * Double(1 << exponent), Double(maximumBackoffMilliseconds))
        let spread = base * jitter * (random * 2 - 1)
        return max(1, Int(base + spread))
    }
}
