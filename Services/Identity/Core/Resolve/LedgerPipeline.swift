import Foundation
import GRDB

/// Writes the ledger rows of a batch resolve chunk by chunk on a queue of its own, so the next
/// chunk is read meanwhile; one chunk is in flight at a time. Several readers may append.
final class LedgerPipeline: @unchecked Sendable {
    // @unchecked: `failure` is written on `queue` and read only after `group.wait()`, which
    // orders the two; `lock` makes appends and waits one at a time.
    private let pool: DatabasePool
    private let template: LedgerRecord
    private let queue = DispatchQueue(label: "identity.resolve.ledger")
    private let group = DispatchGroup()
    private var failure: (any Error)?
    private let lock = NSLock()

    init(pool: DatabasePool, template: LedgerRecord) {
        self.pool = pool
        self.template = template
    }

    /// Hands `people` to the writer once the previous chunk is committed (its error is thrown here).
    func append(_ people: [(personHash: [UInt8], reference: String)]) throws {
        lock.lock()
        defer { lock.unlock() }
        try waitForChunkInFlight()
        guard !people.isEmpty else { return }
        group.enter()
        queue.async { [self] in
            defer { group.leave() }
            do {
                try pool.write { db in try DisclosureLedger.append(template, people: people, in: db) }
            } catch {
                failure = error
            }
        }
    }

    /// Waits for the chunk in flight; throws its error.
    func finish() throws {
        lock.lock()
        defer { lock.unlock() }
        try waitForChunkInFlight()
    }

    private func waitForChunkInFlight() throws {
        group.wait()
        if let failure {
            self.failure = nil
            throw failure
        }
    }
}
