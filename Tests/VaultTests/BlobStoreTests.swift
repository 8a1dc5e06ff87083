import Foundation
import SongdalCrypto
import Testing
@testable import VaultCore

/// Blobs of a batch are written without a per-file fsync and made durable by one sync; either
/// way a blob is written once and never replaced (VA-3).
@Suite struct BlobStoreTests {
    static func store() -> BlobStore {
        BlobStore(root: FileManager.default.temporaryDirectory
            .appendingPathComponent("vault-blobs-\(UUID().uuidString)").appendingPathComponent("blobs"))
    }

    @Test func batchBlobsReadBackAfterOneSync() throws {
        let blobs = Self.store()
        defer { try? FileManager.default.removeItem(at: blobs.root.deletingLastPathComponent()) }
        let key = try AESGCMKey.generate()
        let documents = (0..<20).map { index in (id: "1.2.410.200032.9.\(index)", bytes: VaultFixture.pdf("batch \(index)")) }
        for document in documents {
            let hash = try blobs.write(document.bytes, documentId: document.id, key: key, durable: false)
            #expect(hash == SHA256.hash(document.bytes))
        }
        try blobs.sync()
        for document in documents {
            #expect(try blobs.read(documentId: document.id, key: key) == document.bytes)
            #expect(try blobs.hash(documentId: document.id, key: key).hash == SHA256.hash(document.bytes))
        }
    }

    @Test func aBlobIsNeverReplaced() throws {
        let blobs = Self.store()
        defer { try? FileManager.default.removeItem(at: blobs.root.deletingLastPathComponent()) }
        let key = try AESGCMKey.generate()
        let id = "1.2.410.200032.9.77"
        let original = VaultFixture.pdf("original")
        _ = try blobs.write(original, documentId: id, key: key)
        for durable in [true, false] {
            #expect(throws: (any Error).self) { _ = try blobs.write(VaultFixture.pdf("other"), documentId: id, key: key, durable: durable) }
        }
        #expect(try blobs.read(documentId: id, key: key) == original)
        // Nothing to sync yet is not an error.
        try Self.store().sync()
    }
}
