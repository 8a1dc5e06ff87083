import Foundation
import GRDB
import Synchronization

/// Writes the ledger rows of a batch resolve on a queue of its own, in the order the chunks
/// were handed over, while the readers go on reading: handing a chunk over never waits. Chunks
/// that queued up while the writer was busy go into one transaction, so a writer that falls
/// behind pays fewer commits. A batch is at most 10,000 rows, so the queue needs no bound.
/// After a write fails, later chunks are not written; `finish` waits and throws that failure.
final class LedgerPipeline: Sendable {
    private typealias Chunk = [(personHash: [UInt8], reference: String)]
    private let pool: DatabasePool
    private let template: LedgerRecord
    private let queue = DispatchQueue(label: "identity.resolve.ledger")
    private let group = DispatchGroup()
    private let pending = Mutex<[Chunk]>([])
    private let failure = Mutex<(any Error)?>(nil)

    init(pool: DatabasePool, template: LedgerRecord) {
        self.pool = pool
        self.template = template
    }

    /// Queues `people` for the writer (from any thread).
    func append(_ people: [(personHash: [UInt8], reference: String)]) {
        guard !people.isEmpty else { return }
        group.enter()
        pending.withLock { $0.append(people) }
        queue.async { [self] in writePending() }
    }

    /// Waits until every queued chunk is committed; throws the first failure.
    func finish() throws {
        group.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Writes every chunk queued so far in one transaction (none when an earlier one took them).
    private func writePending() {
        let chunks = pending.withLock { chunks in
            defer { chunks.removeAll() }
            return chunks
        }
        defer { for _ in chunks { group.leave() } }
        guard !chunks.isEmpty, failure.withLock({ $0 == nil }) else { return }
        do {
            try pool.write { db in
                for chunk in chunks { try DisclosureLedger.append(template, people: chunk, in: db) }
            }
        } catch {
            failure.withLock { $0 = error }
        }
    }
}
