import Foundation
import GRDB
import Schema
import SongdalCrypto

/// Reads a document for an authorised reader, re-checking its hash on the way out.
public struct DocumentReader: Sendable {
    let vault: VaultContext
    /// Largest document returned inside a bus reply.
    public static let busLimit: Int64 = 16 * 1024 * 1024

    public init(vault: VaultContext) { self.vault = vault }

    public func fetch(_ request: FetchDocument, now: Date, in db: Database) throws -> DocumentContent {
        let document = try AccessPolicy.authorize(request.reader, documentId: request.documentId, now: now, in: db)
        guard try DocumentState.fetch(document.documentId, in: db).destroyedAt == nil else {
            throw ErrorReply(code: .documentDestroyed, message: "the document was destroyed", field: "documentId")
        }
        guard document.size <= Self.busLimit else {
            throw ErrorReply(code: .tooLargeForBus, message: "documents over \(Self.busLimit) bytes are read as files")
        }
        guard let key = try vault.keyring.existing(document.institution, in: db) else {
            throw ErrorReply(code: .integrityFailure, message: "no data key for the owner institution")
        }
        let bytes: [UInt8]
        do { bytes = try vault.blobs.read(documentId: document.documentId, key: key) } catch {
            throw ErrorReply(code: .integrityFailure, message: "the stored blob does not decrypt", field: "documentId")
        }
        guard SHA256.hex(bytes) == document.contentHash else {
            throw ErrorReply(code: .integrityFailure, message: "the stored bytes do not match their hash", field: "documentId")
        }
        return DocumentContent(documentId: document.documentId, fileName: document.fileName, kind: document.kind,
                               contentHash: document.contentHash, content: Data(bytes))
    }
}
