import Foundation
import GRDB
import Schema
import Synchronization
import Testing
@testable import VaultCore

/// Registrations over the bus run inside one inbox transaction per batch: their blobs are made
/// durable by one sync just before that transaction commits, and a failed sync commits nothing.
@Suite struct BlobSyncTests {
    @Test func aTransactionOfRegistrationsSyncsItsBlobsOnceBeforeCommitting() throws {
        let fixture = try VaultFixture()
        let registrar = DocumentRegistrar(vault: fixture.vault)
        let now = fixture.clock.now
        let stored = try fixture.store.pool.write { db in
            try (0..<20).map { index in
                try registrar.register(
                    VaultDocumentInput(institution: "inst-a", fileName: "notice-\(index).pdf", title: "notice", keywords: [],
                                       description: "batch"),
                    source: .bytes(VaultFixture.pdf("bus batch \(index)")), now: now, in: db)
            }
        }
        #expect(fixture.vault.blobSync.syncs == 1)
        let key = try fixture.store.pool.write { db in try fixture.vault.keyring.key(for: "inst-a", creatingIn: db) }
        for (index, document) in stored.enumerated() {
            #expect(try fixture.vault.blobs.read(documentId: document.documentId, key: key) == VaultFixture.pdf("bus batch \(index)"))
        }
        // A transaction that wrote no blob syncs nothing.
        try fixture.store.pool.write { db in try db.execute(sql: "CREATE TABLE scratch (x)") }
        #expect(fixture.vault.blobSync.syncs == 1)
        try fixture.register()
        #expect(fixture.vault.blobSync.syncs == 2)
    }

    /// A staged file's blob is written without an fsync of its own (AESGCMStream leaves
    /// durability to the store): its registration must sync before committing too.
    @Test func aStagedFileRegistrationIsSyncedBeforeCommitting() throws {
        let fixture = try VaultFixture()
        let staged = fixture.directory.appendingPathComponent("staged.pdf")
        try Data(VaultFixture.pdf("staged")).write(to: staged)
        let registrar = DocumentRegistrar(vault: fixture.vault)
        let now = fixture.clock.now
        let stored = try fixture.store.pool.write { db in
            try registrar.register(
                VaultDocumentInput(institution: "inst-a", fileName: "staged.pdf", title: "notice", keywords: [], description: "file"),
                source: .file(staged), now: now, in: db)
        }
        #expect(fixture.vault.blobSync.syncs == 1)
        #expect(fixture.vault.blobs.exists(stored.documentId))
    }

    struct SyncFailed: Error {}

    @Test func aFailedSyncRollsTheTransactionBackAndRemovesItsBlobs() throws {
        let queue = try DatabaseQueue()
        let removed = Mutex<[String]>([])
        let observer = BlobSyncBeforeCommit(sync: { throw SyncFailed() }, remove: { id in removed.withLock { $0.append(id) } })
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE document (id TEXT)")
            db.add(transactionObserver: observer, extent: .observerLifetime)
        }
        #expect(throws: SyncFailed.self) {
            try queue.write { db in
                try db.execute(sql: "INSERT INTO document VALUES ('written')")
                observer.blobWritten("1.2.410.200032.9.1")
            }
        }
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM document") } == 0)
        #expect(removed.withLock { $0 } == ["1.2.410.200032.9.1"])
        // Nothing pending any more: the next transaction commits without a sync.
        try queue.write { db in try db.execute(sql: "INSERT INTO document VALUES ('plain')") }
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM document") } == 1)
        #expect(observer.syncs == 0)
    }

    /// An inbox batch whose handler fails is rolled back whole and retried message by message:
    /// the blobs of the first attempt must not stay behind unreferenced.
    @Test func aRolledBackRegistrationLeavesNoBlob() throws {
        let fixture = try VaultFixture()
        let registrar = DocumentRegistrar(vault: fixture.vault)
        let now = fixture.clock.now
        struct Abandoned: Error {}
        var documentId = ""
        #expect(throws: Abandoned.self) {
            try fixture.store.pool.write { db in
                documentId = try registrar.register(
                    VaultDocumentInput(institution: "inst-a", fileName: "notice.pdf", title: "notice", keywords: [], description: "x"),
                    source: .bytes(VaultFixture.pdf("abandoned")), now: now, in: db).documentId
                #expect(fixture.vault.blobs.exists(documentId))
                throw Abandoned()
            }
        }
        #expect(!documentId.isEmpty)
        #expect(!fixture.vault.blobs.exists(documentId))
        #expect(fixture.vault.blobSync.syncs == 0)
    }
}
