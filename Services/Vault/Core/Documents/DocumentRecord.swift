import Foundation
import GRDB
import Schema
import SongdalCrypto

/// A stored document's immutable metadata, as the `document` table holds it. Its canonical
/// JSON hash goes into the registration leaf, so an edited row is detected by `verify`.
public struct DocumentRecord: Codable, Sendable, Hashable {
    public var documentId: String
    public var packageId: String
    public var institution: String
    public var fileName: String
    public var kind: String
    public var title: String
    public var keywords: [String]
    public var description: String
    public var size: Int64
    /// Hex SHA-256 of the bytes.
    public var contentHash: String
    /// Unix milliseconds.
    public var registeredAt: Int64
    public var retentionUntil: Int64

    /// Hex SHA-256 of the sorted-key JSON of every field.
    public var metadataHash: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return SHA256.hex((try? encoder.encode(self)) ?? Data())
    }

    static let columns = "document_id, package_id, institution, file_name, kind, title, keywords, description, size, content_hash, registered_at, retention_until"

    init(row: Row) {
        documentId = row["document_id"]
        packageId = row["package_id"]
        institution = row["institution"]
        fileName = row["file_name"]
        kind = row["kind"]
        title = row["title"]
        let keywordText: String = row["keywords"]
        keywords = (try? JSONDecoder().decode([String].self, from: Data(keywordText.utf8))) ?? [keywordText]
        description = row["description"]
        size = row["size"]
        contentHash = row["content_hash"]
        registeredAt = row["registered_at"]
        retentionUntil = row["retention_until"]
    }

    init(documentId: String, packageId: String, institution: String, fileName: String, kind: String, title: String,
         keywords: [String], description: String, size: Int64, contentHash: String, registeredAt: Int64, retentionUntil: Int64) {
        self.documentId = documentId
        self.packageId = packageId
        self.institution = institution
        self.fileName = fileName
        self.kind = kind
        self.title = title
        self.keywords = keywords
        self.description = description
        self.size = size
        self.contentHash = contentHash
        self.registeredAt = registeredAt
        self.retentionUntil = retentionUntil
    }

    var keywordsJSON: String {
        String(decoding: (try? JSONEncoder().encode(keywords)) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// Loads a document row.
    static func fetch(_ documentId: String, in db: Database) throws -> DocumentRecord? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM document WHERE document_id = ?", arguments: [documentId])
            .map(DocumentRecord.init(row:))
    }

    /// Loads a document row or throws `not_found`.
    static func require(_ documentId: String, in db: Database) throws -> DocumentRecord {
        guard let record = try fetch(documentId, in: db) else {
            throw ErrorReply(code: .notFound, message: "no document \(documentId)", field: "documentId")
        }
        return record
    }

    var registered: Date { Date(timeIntervalSince1970: Double(registeredAt) / 1000) }
    var retention: Date { Date(timeIntervalSince1970: Double(retentionUntil) / 1000) }
}
