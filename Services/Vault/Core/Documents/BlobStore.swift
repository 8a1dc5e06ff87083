import Schema
import Foundation
import SongdalCrypto

/// Encrypted document files (VA-1, VA-7): `blobs/<shard>/<documentId>.sgc`, AES-256-GCM in
/// 64 KiB chunks under the owner institution's key with the document id as associated data (a
/// blob cannot be swapped for another document's). Files stream through in constant memory.
public struct BlobStore: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// Where a document's blob lives.
    public func url(for documentId: String) -> URL {
        let shard = String(SHA256.hex(documentId).prefix(2))
        return root.appendingPathComponent(shard).appendingPathComponent("\(documentId).sgc")
    }

    /// Encrypts in-memory bytes into a new blob (never replacing one); returns their SHA-256.
    /// `durable: false` leaves the fsync to one `sync()` for a whole batch, which must run
    /// before the batch's rows commit.
    public func write(_ bytes: [UInt8], documentId: String, key: AESGCMKey, durable: Bool = true) throws -> [UInt8] {
        let target = url(for: documentId)
        let (sealed, hash) = try AESGCMStream.encrypt(bytes, key: key, associatedData: Array(documentId.utf8))
        // The shard folder almost always exists already: write first and create the folder
        // only when it is missing (saves a stat-and-mkdir walk per registered document).
        if try BlobFile.create(target.path, bytes: sealed, durable: durable) == .folderMissing {
            _ = try prepare(documentId)
            guard try BlobFile.create(target.path, bytes: sealed, durable: durable) == .written else {
                throw ErrorReply(code: .blobWriteFailed, message: "the blob folder vanished while writing")
            }
        }
        return hash
    }

    /// Makes every blob written so far durable (file data, inodes and directory entries) with
    /// one file-system sync: what a batch written with `durable: false` needs before it commits.
    public func sync() throws {
        guard FileManager.default.fileExists(atPath: root.path) else { return }
        try BlobFile.syncFileSystem(of: root.path)
    }

    /// Encrypts a file in one streaming pass; returns its SHA-256 and length.
    public func write(file: URL, documentId: String, key: AESGCMKey) throws -> (hash: [UInt8], size: Int) {
        let target = try prepare(documentId)
        let summary = try AESGCMStream.encrypt(input: file, output: target, key: key, associatedData: Array(documentId.utf8))
        return (summary.plaintextSHA256, summary.bytes)
    }

    /// Decrypts a document into memory (bus-sized documents only).
    public func read(documentId: String, key: AESGCMKey) throws -> [UInt8] {
        let sealed = try [UInt8](Data(contentsOf: url(for: documentId)))
        return try AESGCMStream.decrypt(sealed, key: key, associatedData: Array(documentId.utf8))
    }

    /// Decrypts to `output` (streamed; the file appears only if every chunk authenticated).
    public func decrypt(documentId: String, key: AESGCMKey, to output: URL) throws -> (hash: [UInt8], size: Int) {
        let summary = try AESGCMStream.decrypt(input: url(for: documentId), output: output, key: key,
                                               associatedData: Array(documentId.utf8))
        return (summary.plaintextSHA256, summary.bytes)
    }

    /// Re-hashes the plaintext without keeping it (audit).
    public func hash(documentId: String, key: AESGCMKey) throws -> (hash: [UInt8], size: Int) {
        let summary = try AESGCMStream.decrypt(input: url(for: documentId), key: key,
                                               associatedData: Array(documentId.utf8), chunk: { _ in })
        return (summary.plaintextSHA256, summary.bytes)
    }

    public func exists(_ documentId: String) -> Bool { FileManager.default.fileExists(atPath: url(for: documentId).path) }

    /// Removes a destroyed document's blob.
    public func remove(_ documentId: String) throws {
        let file = url(for: documentId)
        if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(at: file) }
    }

    private func prepare(_ documentId: String) throws -> URL {
        let target = url(for: documentId)
        // Before the shard folder exists, so the allocator already spreads it (see BlobFile).
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        BlobFile.spreadSubfolders(of: root.path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        return target
    }
}
