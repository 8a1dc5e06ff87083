import Foundation
import GRDB
import Schema
import SongdalCrypto

/// Registration (VA-1..VA-5): check, encrypt, hash, time-stamp, then record and log.
public struct DocumentRegistrar: Sendable {
    let vault: VaultContext

    public init(vault: VaultContext) { self.vault = vault }

    /// Validates input and kind, writes the encrypted blob and makes the time-stamp token.
    /// `durable` fsyncs a blob made from in-memory bytes; a blob made from a staged file is never
    /// synced here. So a caller passing `durable: false`, or a file, makes the blobs durable
    /// before committing their rows: a batch with one `vault.blobs.sync()`, `register` through
    /// the transaction's `BlobSyncBeforeCommit`.
    public func prepare(_ input: VaultDocumentInput, source: DocumentSource, key: AESGCMKey, now: Date,
                        durable: Bool = true) throws -> PreparedDocument {
        try validate(input)
        let kind = try KindChecker.declaredKind(kind: input.kind, fileName: input.fileName)
        let (size, head) = try Self.inspect(source)
        guard size > 0 else {
            throw ErrorReply(code: .emptyDocument, message: "the document is empty (0 bytes)", field: "content")
        }
        guard size <= vault.settings.maximumSize else {
            throw ErrorReply(code: .documentTooLarge,
                             message: "the document has \(size) bytes; the limit is \(vault.settings.maximumSize)", field: "content")
        }
        try KindChecker.check(kind, head: head)
        let packageId = try input.packageId ?? vault.oids.packageId()
        guard vault.oids.owns(packageId) else {
            throw ErrorReply(code: .invalidId, message: "packageId is not an OID under \(vault.oids.arc)", field: "packageId")
        }
        let documentId = try vault.oids.documentId()
        let hash: [UInt8]
        switch source {
        case .bytes(let bytes):
            hash = try vault.blobs.write(bytes, documentId: documentId, key: key, durable: durable)
        case .file(let url):
            let written = try vault.blobs.write(file: url, documentId: documentId, key: key)
            guard written.size == size else {
                try? vault.blobs.remove(documentId)
                throw ErrorReply(code: .fileChanged, message: "the staged file changed while it was read", field: "path")
            }
            hash = written.hash
        }
        let registeredAt = VaultKeys.millis(now)
        let years = input.retentionYears ?? vault.settings.retentionYears
        let retention = Calendar.gregorianUTC.date(byAdding: .year, value: years, to: now) ?? now
        let record = DocumentRecord(
            documentId: documentId, packageId: packageId, institution: input.institution, fileName: input.fileName,
            kind: kind.rawValue, title: input.title, keywords: input.keywords, description: input.description,
            size: size, contentHash: Hex.encode(hash), registeredAt: registeredAt, retentionUntil: VaultKeys.millis(retention))
        do {
            return PreparedDocument(record: record, timeStampToken: try vault.stamper.stamp(hash, at: now))
        } catch {
            try? vault.blobs.remove(documentId)
            throw error
        }
    }

    /// Records a prepared document and appends its `registered` leaf, in `db`'s transaction.
    public func commit(_ prepared: PreparedDocument, in db: Database) throws -> DocumentStored {
        let record = prepared.record
        // Issue 20: a package belongs to the institution that opened it; another institution's
        // packageId is refused like an unknown id (the gateway answers both with the same 404).
        if try String.fetchOne(db, sql: "SELECT institution FROM document WHERE package_id = ? AND institution <> ? LIMIT 1",
                               arguments: [record.packageId, record.institution]) != nil {
            throw ErrorReply(code: .forbidden, message: "not found", field: nil)
        }
        let leaf = EvidenceRecord(type: .registered, time: record.registered, documentId: record.documentId,
                                  packageId: record.packageId, contentHash: record.contentHash, metadataHash: record.metadataHash)
        let index = try EvidenceLog.append(leaf, in: db)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO document (\(DocumentRecord.columns), leaf_index, time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.execute(arguments: [
            record.documentId, record.packageId, record.institution, record.fileName, record.kind, record.title,
            record.keywordsJSON, record.description, record.size, record.contentHash, record.registeredAt,
            record.retentionUntil, index, Data(prepared.timeStampToken.der),
        ])
        try db.execute(sql: "INSERT INTO document_state (document_id) VALUES (?)", arguments: [record.documentId])
        return DocumentStored(
            documentId: record.documentId, packageId: record.packageId, kind: record.kind, size: record.size,
            contentHash: record.contentHash, leafIndex: index, registeredAt: record.registered,
            retentionUntil: record.retention, timeStampToken: Data(prepared.timeStampToken.der))
    }

    /// Prepares and commits one document inside `db` (the bus handler's path). The blob is not
    /// fsynced on its own: `db`'s transaction syncs all the blobs it wrote once, before it
    /// commits (`BlobSyncBeforeCommit`), so an inbox batch of registrations costs one flush.
    public func register(_ input: VaultDocumentInput, source: DocumentSource, now: Date, in db: Database) throws -> DocumentStored {
        try EvidenceRecord.validate(id: input.institution, field: "institution")
        let key = try vault.keyring.key(for: input.institution, creatingIn: db)
        let prepared = try prepare(input, source: source, key: key, now: now, durable: false)
        vault.blobSync.blobWritten(prepared.record.documentId)
        do {
            return try commit(prepared, in: db)
        } catch {
            try? vault.blobs.remove(prepared.record.documentId)
            throw error
        }
    }

    private func validate(_ input: VaultDocumentInput) throws(ErrorReply) {
        try EvidenceRecord.validate(id: input.institution, field: "institution")
        guard !input.title.trimmingCharacters(in: .whitespaces).isEmpty, input.title.count <= 500 else {
            throw ErrorReply(code: .invalidTitle, message: "title must be 1–500 characters", field: "title")
        }
        guard input.keywords.count <= 50, input.description.count <= 10_000, input.fileName.count <= 255 else {
            throw ErrorReply(code: .invalidMetadata, message: "at most 50 keywords, 10,000-character description, 255-character file name")
        }
        if let years = input.retentionYears, !(1...100).contains(years) {
            throw ErrorReply(code: .invalidRetention, message: "retentionYears must be 1–100", field: "retentionYears")
        }
    }

    /// Size and the first bytes, without reading a file whole.
    static func inspect(_ source: DocumentSource) throws -> (size: Int64, head: [UInt8]) {
        switch source {
        case .bytes(let bytes):
            return (Int64(bytes.count), Array(bytes.prefix(KindChecker.headSize)))
        case .file(let url):
            guard let handle = try? FileHandle(forReadingFrom: url) else {
                throw ErrorReply(code: .fileNotFound, message: "cannot open the staged file", field: "path")
            }
            defer { try? handle.close() }
            let size = try handle.seekToEnd()
            try handle.seek(toOffset: 0)
            let head = try handle.read(upToCount: KindChecker.headSize) ?? Data()
            return (Int64(size), [UInt8](head))
        }
    }
}

extension Calendar {
    /// Gregorian in UTC, for adding whole years to instants (retention ends).
    static let gregorianUTC: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone.current
        return calendar
    }()
}
