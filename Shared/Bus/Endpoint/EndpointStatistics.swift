import Synchronization

/// Counters of one endpoint, for tests, benchmarks and `/metrics`.
public final class EndpointStatistics: Sendable {
    let sentCounter = Atomic<Int>(0)
    let acknowledgedCounter = Atomic<Int>(0)
    let outboxDeleteCounter = Atomic<Int>(0)
    let retriedCounter = Atomic<Int>(0)
    let deadLetteredCounter = Atomic<Int>(0)
    let appliedCounter = Atomic<Int>(0)
    let duplicateCounter = Atomic<Int>(0)
    let refusedCounter = Atomic<Int>(0)

    /// MSG frames sent from the outbox (first sends and re-sends).
    public var sent: Int { sentCounter.load(ordering: .relaxed) }
    /// Outbox rows removed after an ACK.
    public var acknowledged: Int { acknowledgedCounter.load(ordering: .relaxed) }
    /// Write transactions that removed acknowledged rows (one per outbox pass that had ACKs).
    public var outboxDeletes: Int { outboxDeleteCounter.load(ordering: .relaxed) }
    /// Re-sends after a missed ACK or a NACK.
    public var retried: Int { retriedCounter.load(ordering: .relaxed) }
    /// Messages given up on (either direction).
    public var deadLettered: Int { deadLetteredCounter.load(ordering: .relaxed) }
    /// Incoming messages applied by a handler.
    public var applied: Int { appliedCounter.load(ordering: .relaxed) }
    /// Incoming messages recognised as already applied and only re-acknowledged.
    public var duplicates: Int { duplicateCounter.load(ordering: .relaxed) }
    /// Incoming messages refused with a typed error.
    public var refused: Int { refusedCounter.load(ordering: .relaxed) }
}
