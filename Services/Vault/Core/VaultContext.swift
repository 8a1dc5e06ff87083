import Schema
import Foundation
import GRDB
import Runtime
import SongdalCrypto

/// Everything the vault's handlers share: settings, keys, blob store, time stamper, checkpoint
/// signer and id maker. Built once per process from the service folder.
public final class VaultContext: Sendable {
    public let settings: VaultSettings
    public let keys: VaultKeys
    public let keyring: DataKeyring
    public let blobs: BlobStore
    /// Syncs the blobs a registering transaction wrote, once, just before it commits (removes
    /// them when it rolls back).
    let blobSync: BlobSyncBeforeCommit
    public let stamper: TimeStamper
    public let checkpoints: CheckpointStore
    public let oids: OIDMaker
    public let clock: any WallClock

    /// Opens (creating on first start) keys and folders under `directory`.
    public init(directory: URL, settings: VaultSettings, pool: DatabasePool, clock: any WallClock) throws {
        self.settings = settings
        self.clock = clock
        keys = try VaultKeys.load(folder: settings.keysDirectory ?? directory.appendingPathComponent("keys"),
                                  settings: settings, pool: pool, now: clock.now)
        keyring = DataKeyring(master: keys.master)
        blobs = BlobStore(root: directory.appendingPathComponent("blobs"))
        blobSync = BlobSyncBeforeCommit(sync: { [blobs] in try blobs.sync() }, remove: { [blobs] in try? blobs.remove($0) })
        stamper = TimeStamper(authority: keys.tsa)
        checkpoints = CheckpointStore(keys: keys, stamper: stamper, origin: settings.origin)
        oids = OIDMaker(arc: settings.oidArc)
        // The log grows by a few hundred bytes a leaf, a million leaves a day at campaign pace:
        // with SQLite's default of a checkpoint (and its fsync) every 1,000 WAL pages, appends
        // spent most of their time waiting for the disk.
        try pool.writeWithoutTransaction { [blobSync] db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.checkpointPages)")
            db.add(transactionObserver: blobSync, extent: .observerLifetime)
        }
    }

    /// WAL pages between automatic checkpoints of the vault store (SQLite's default: 1,000).
    static let checkpointPages = 16_384

    /// The TSA certificate verifiers need.
    public var tsaCertificate: X509Certificate { keys.tsa.certificate }
}
