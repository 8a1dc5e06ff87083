import Logging
import Schema
import Store
import Synchronization

/// Appends request commands to the outbox in group commits.
///
/// Every command a caller asks for must be in the outbox before it is sent (it survives a crash
/// of this process). Under load many callers ask at once — a gateway with dozens of open
/// connections — and one transaction each made the store's single writer the bottleneck. Here
/// the first caller starts a flush; callers arriving while it commits are queued and go together
/// in the next transaction. A lone caller pays no added delay.
final class OutboxAppender: Sendable {
    /// A command to write, and whom to tell if it cannot be.
    struct Entry: Sendable {
        var envelope: Envelope
        var failed: @Sendable (any Error) -> Void
    }

    private struct State {
        var queued: [Entry] = []
        var flushing = false
    }

    private let state = Mutex(State())
    private let store: ServiceStore
    private let dispatcher: OutboxDispatcher
    private let logger: Logger

    init(store: ServiceStore, dispatcher: OutboxDispatcher, logger: Logger) {
        self.store = store
        self.dispatcher = dispatcher
        self.logger = logger
    }

    /// Queues `entry` for the next group commit; the dispatcher is woken after it commits.
    func append(_ entry: Entry) {
        let startFlush = state.withLock { state -> Bool in
            state.queued.append(entry)
            guard !state.flushing else { return false }
            state.flushing = true
            return true
        }
        if startFlush { Task { await self.flush() } }
    }

    /// Commits what is queued, again and again, until the queue stays empty.
    private func flush() async {
        while true {
            let batch = state.withLock { state -> [Entry] in
                defer { state.queued.removeAll(keepingCapacity: true) }
                if state.queued.isEmpty { state.flushing = false }
                return state.queued
            }
            guard !batch.isEmpty else { return }
            do {
                try await store.pool.write { db in
                    for entry in batch { try OutboxTable.insert(db, envelope: entry.envelope) }
                }
                dispatcher.wake()
            } catch {
                logger.error("could not write requests to the outbox", metadata: ["error": "\(error)", "count": "\(batch.count)"])
                for entry in batch { entry.failed(error) }
            }
        }
    }
}
