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
    /// SQLite page size in bytes (a power of two, 512...65536) of a store created by this
    /// configuration. An existing store keeps the size it was created with: in WAL mode SQLite
    /// ignores a change.
    ///
    /// A store that writes many rows per transaction at random places of large indexes (the
    /// identity directory, the vault's log) does better with 16 KiB: each commit rewrites its
    /// dirty pages whatever their size, and larger pages mean fewer of them, fewer B-tree
    /// splits and fewer WAL frames.
    public var pageSize: Int = StoreConfiguration.defaultPageSize

    /// SQLite's own default.
    public static let defaultPageSize = 4096

    public init(path: URL) {
        self.path = path
    }
}
