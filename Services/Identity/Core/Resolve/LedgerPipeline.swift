import Foundation
import GRDB
import Synchronization

/// Writes the ledger rows of a batch resolve chunk by chunk on a queue of its own, in the order
/// the chunks were handed over, while the readers go on reading: handing a chunk over never
/// waits. A batch is at most 10,000 rows, so the queue needs no bound. After a chunk fails, the
/// later ones are not written; `finish` waits for the queue and throws that failure.
final class LedgerPipeline: Sendable {
    private let pool: DatabasePool
    private let template: LedgerRecord
    private let queue = DispatchQueue(label: "identity.resolve.ledger")
    private let group = DispatchGroup()
    private let failure = Mutex<(any Error)?>(nil)

    init(pool: DatabasePool, template: LedgerRecord) {
        self.pool = pool
        self.template = template
    }

    /// Queues `people` for the writer (from any thread).
    func append(_ people: [(personHash: [UInt8], reference: String)]) {
        guard !people.isEmpty else { return }
        group.enter()
        queue.async { [self] in
            defer { group.leave() }
            guard failure.withLock({ $0 == nil }) else { return }
            do {
                try pool.write { db in try DisclosureLedger.append(template, people: people, in: db) }
            } catch {
                failure.withLock { $0 = error }
            }
        }
    }

    /// Waits until every queued chunk is committed; throws the first failure.
    func finish() throws {
        group.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
