import Schema
import Synchronization

/// Requests waiting for their reply, by request id. Whoever removes an entry — the reply, a
/// broker NACK or the deadline sweep — is the only one to resume it.
///
/// Deadlines are kept with the waiters and checked by one sweeper task that runs only while
/// somebody waits. A timer task per request (sleep, then cancel on reply) cost a task spawn, a
/// dispatch timer and a wake-up of the cancelled sleeper for every request of a busy gateway.
final class PendingReplies: Sendable {
    private struct Waiter {
        var continuation: CheckedContinuation<Envelope, any Error>
        var deadline: ContinuousClock.Instant
        var timeoutError: BusError
        /// Whether the reply came through the answering service's outbox (a command's), which
        /// waits for an ACK; a query's reply is sent directly and nobody waits for one.
        var acknowledgeReply: Bool
    }

    private struct State {
        var waiting: [MessageID: Waiter] = [:]
        var sweeping = false
    }

    /// How often deadlines are checked: a timeout fires at most this much late.
    static let sweepInterval = Duration.milliseconds(10)

    private let state = Mutex(State())

    /// Waits for the reply to `id`, or `timeout` ms, whichever first. `send` runs after the
    /// waiter is registered, so even an instant reply is not missed. `acknowledgeReply`: the
    /// reply is a command's, delivered through an outbox that waits for its ACK.
    func wait(for id: MessageID, timeoutMilliseconds: Int, timeoutError: BusError, acknowledgeReply: Bool,
              send: () -> Void) async throws -> Envelope {
        let deadline = ContinuousClock.now + .milliseconds(timeoutMilliseconds)
        return try await withCheckedThrowingContinuation { continuation in
            let startSweeper = state.withLock { state -> Bool in
                state.waiting[id] = Waiter(continuation: continuation, deadline: deadline, timeoutError: timeoutError,
                                           acknowledgeReply: acknowledgeReply)
                guard !state.sweeping else { return false }
                state.sweeping = true
                return true
            }
            if startSweeper { Task { await self.sweep() } }
            send()
        }
    }

    /// Fails the waiters whose deadline has passed, until nobody waits any more.
    private func sweep() async {
        while true {
            try? await Task.sleep(for: Self.sweepInterval)
            let now = ContinuousClock.now
            let (expired, done) = state.withLock { state -> ([Waiter], Bool) in
                var expired: [Waiter] = []
                for (id, waiter) in state.waiting where waiter.deadline <= now {
                    state.waiting[id] = nil
                    expired.append(waiter)
                }
                if state.waiting.isEmpty { state.sweeping = false }
                return (expired, !state.sweeping)
            }
            for waiter in expired { waiter.continuation.resume(throwing: waiter.timeoutError) }
            if done { return }
        }
    }

    /// Hands a reply to its waiter; then true when the reply must be acknowledged, nil when
    /// nobody waits for it (any more).
    func resolve(_ reply: Envelope) -> Bool? {
        guard let id = reply.header.correlationId,
              let waiter = state.withLock({ $0.waiting.removeValue(forKey: id) }) else { return nil }
        waiter.continuation.resume(returning: reply)
        return waiter.acknowledgeReply
    }

    /// Fails the waiter of `id`, if any.
    func fail(_ id: MessageID, with error: BusError) {
        state.withLock { $0.waiting.removeValue(forKey: id) }?.continuation.resume(throwing: error)
    }

    func isWaiting(for id: MessageID) -> Bool { state.withLock { $0.waiting[id] != nil } }

    /// Fails everything (endpoint stopping).
    func failAll(with error: BusError) {
        let all = state.withLock { state -> [Waiter] in
            defer { state.waiting.removeAll() }
            return Array(state.waiting.values)
        }
        all.forEach { $0.continuation.resume(throwing: error) }
    }
}
