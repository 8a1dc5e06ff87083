import Schema
import Synchronization

/// Requests waiting for their reply, by request id. Whoever removes an entry — the reply, a
/// broker NACK or the timeout — is the only one to resume it.
final class PendingReplies: Sendable {
    private let waiting = Mutex<[MessageID: CheckedContinuation<Envelope, any Error>]>([:])

    /// Waits for the reply to `id`, or `timeout` ms, whichever first. `send` runs after the
    /// waiter is registered, so even an instant reply is not missed.
    func wait(for id: MessageID, timeoutMilliseconds: Int, timeoutError: BusError, send: () -> Void) async throws -> Envelope {
        let timer = Mutex<Task<Void, Never>?>(nil)
        defer { timer.withLock { $0?.cancel() } }
        return try await withCheckedThrowingContinuation { continuation in
            waiting.withLock { $0[id] = continuation }
            let task = Task { [self] in
                try? await Task.sleep(for: .milliseconds(timeoutMilliseconds))
                fail(id, with: timeoutError)
            }
            timer.withLock { $0 = task }
            send()
        }
    }

    /// Hands a reply to its waiter; false when nobody waits for it (any more).
    func resolve(_ reply: Envelope) -> Bool {
        guard let id = reply.header.correlationId,
              let continuation = waiting.withLock({ $0.removeValue(forKey: id) }) else { return false }
        continuation.resume(returning: reply)
        return true
    }

    /// Fails the waiter of `id`, if any.
    func fail(_ id: MessageID, with error: BusError) {
        waiting.withLock { $0.removeValue(forKey: id) }?.resume(throwing: error)
    }

    func isWaiting(for id: MessageID) -> Bool { waiting.withLock { $0[id] != nil } }

    /// Fails everything (endpoint stopping).
    func failAll(with error: BusError) {
        let all = waiting.withLock { table -> [CheckedContinuation<Envelope, any Error>] in
            defer { table.removeAll() }
            return Array(table.values)
        }
        all.forEach { $0.resume(throwing: error) }
    }
}
