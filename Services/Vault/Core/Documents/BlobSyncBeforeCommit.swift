import GRDB
import Synchronization

/// Makes the blobs a transaction wrote durable just before it commits, with one file-system
/// sync for all of them.
///
/// The bus applies a whole inbox batch — often many `vault.register` messages — in one
/// transaction, so documents registered over the bus get the batch path's one flush instead of
/// an fsync each. The sync runs in SQLite's commit hook: if it fails it throws, which rolls the
/// transaction back, so no row ever commits pointing at a blob that may not be on disk.
final class BlobSyncBeforeCommit: TransactionObserver, Sendable {
    private let sync: @Sendable () throws -> Void
    private let pending = Atomic<Bool>(false)
    private let syncCounter = Atomic<Int>(0)

    /// `sync` makes every blob written so far durable (`BlobStore.sync` in the vault).
    init(sync: @escaping @Sendable () throws -> Void) {
        self.sync = sync
    }

    /// Says a blob was written without its own fsync in the current transaction.
    func blobWritten() { pending.store(true, ordering: .releasing) }

    /// File-system syncs made before commits (one per committing transaction that wrote blobs).
    var syncs: Int { syncCounter.load(ordering: .relaxed) }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }

    func databaseDidChange(with event: DatabaseEvent) {}

    func databaseWillCommit() throws {
        guard pending.exchange(false, ordering: .acquiringAndReleasing) else { return }
        try sync()
        syncCounter.add(1, ordering: .relaxed)
    }

    func databaseDidCommit(_ db: Database) {}

    /// A rolled-back transaction's blobs stay unreferenced (left for an operator's sweep) and
    /// need no sync.
    func databaseDidRollback(_ db: Database) { pending.store(false, ordering: .releasing) }
}
