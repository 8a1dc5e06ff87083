import Foundation

/// How a service opens its SQLite store.
public struct StoreConfiguration: Sendable {
    /// The database file, e.g. `.songdal/data/notifier.sqlite`. Its folder is created if missing.
    public var path: URL
    /// Concurrent readers of the WAL database besides the single writer.
    public var maximumReaderCount: Int = 4
    /// How long a connection waits on a lock before failing with `SQLITE_BUSY`.
    public var busyTimeout: TimeInterval = 10
    /// `NORMAL` keeps the WAL durable across a process crash (what X-2 asks: a service killed at
    /// any instant loses nothing it acknowledged) without an fsync on every commit; `FULL` also
    /// survives a power cut, at a large cost per transaction.
    public var synchronousFull: Bool = false

    public init(path: URL) {
        self.path = path
    }
}
