import GRDB
import Synchronization

/// Makes the blobs a transaction wrote durable just before it commits, with one file-system
/// sync for all of them, and removes them if it rolls back.
///
/// The bus applies a whole inbox batch — often many `vault.store` messages — in one
/// transaction, so documents registered over the bus get the batch path's one flush instead of
/// an fsync each. The sync runs in SQLite's commit hook: if it fails it throws, which rolls the
/// transaction back, so no row ever commits pointing at a blob that may not be on disk. A
/// rollback (a failed sync, or an inbox batch retried message by message) removes the blobs
/// nothing refers to any more.
final class BlobSyncBeforeCommit: TransactionObserver, Sendable {
    private let sync: @Sendable () throws -> Void
    private let remove: @Sendable (String) -> Void
    private let written = Mutex<[String]>([])
    private let syncCounter = Atomic<Int>(0)

    /// `sync` makes every blob written so far durable (`BlobStore.sync` in the vault); `remove`
    /// deletes one document's blob.
    init(sync: @escaping @Sendable () throws -> Void, remove: @escaping @Sendable (String) -> Void) {
        self.sync = sync
        self.remove = remove
    }

    /// Says the blob of `documentId` was written, without its own fsync, in the current transaction.
    func blobWritten(_ documentId: String) { written.withLock { $0.append(documentId) } }

    /// File-system syncs made before commits (one per committing transaction that wrote blobs).
    var syncs: Int { syncCounter.load(ordering: .relaxed) }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }

    func databaseDidChange(with event: DatabaseEvent) {}

    func databaseWillCommit() throws {
        guard !written.withLock({ $0.isEmpty }) else { return }
        try sync()
        syncCounter.add(1, ordering: .relaxed)
    }

    func databaseDidCommit(_ db: Database) { written.withLock { $0.removeAll() } }

    func databaseDidRollback(_ db: Database) {
        for documentId in written.withLock({ list in defer { list.removeAll() }; return list }) { remove(documentId) }
    }
}
