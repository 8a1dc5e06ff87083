import Foundation

// The vault's document contract (SPEC VA-1..VA-3, VA-7). Handled by `vault`.

/// Metadata a caller supplies with a document.
public struct VaultDocumentInput: Codable, Sendable, Hashable {
    /// Owner institution (its id), the only one besides granted recipients that can read it.
    public var institution: String
    /// An existing package to add the document to; a new package id is made when absent.
    public var packageId: String?
    /// Original file name; its extension is the declared kind unless `kind` is given.
    public var fileName: String
    /// Declared kind (one of the 26, e.g. `pdf`); checked against the content's magic bytes.
    public var kind: String?
    public var title: String
    public var keywords: [String]
    public var description: String
    /// Retention in years (default from `vault.retention-years`, 5).
    public var retentionYears: Int?

    public init(institution: String, packageId: String? = nil, fileName: String, kind: String? = nil, title: String,
                keywords: [String] = [], description: String = "", retentionYears: Int? = nil) {
        self.institution = institution
        self.packageId = packageId
        self.fileName = fileName
        self.kind = kind
        self.title = title
        self.keywords = keywords
        self.description = description
        self.retentionYears = retentionYears
    }
}

/// Stores a bus-sized document whose bytes travel in the payload.
public struct StoreDocument: BusRequest {
    public typealias Reply = DocumentStored
    public static let messageType = MessageType.command("vault.store", handledBy: "vault")
    public var document: VaultDocumentInput
    /// The bytes (base64 in JSON).
    public var content: Data

    public init(document: VaultDocumentInput, content: Data) {
        self.document = document
        self.content = content
    }
}

/// Stores a large document already staged on the vault's host (streamed, never held in memory).
public struct StoreDocumentFile: BusRequest {
    public typealias Reply = DocumentStored
    public static let messageType = MessageType.command("vault.storeFile", handledBy: "vault")
    public var document: VaultDocumentInput
    /// Absolute path of the staged file; the vault reads it and leaves it in place.
    public var path: String

    public init(document: VaultDocumentInput, path: String) {
        self.document = document
        self.path = path
    }
}

/// A stored, hashed, logged and time-stamped document.
public struct DocumentStored: BusMessage, Hashable {
    public static let messageType = MessageType.reply("vault.store.reply")
    public var documentId: String
    public var packageId: String
    public var kind: String
    public var size: Int64
    /// Hex SHA-256 of the bytes.
    public var contentHash: String
    public var leafIndex: Int
    public var registeredAt: Date
    public var retentionUntil: Date
    /// RFC 3161 time-stamp response (DER) over the content hash; `openssl ts -verify` accepts it.
    public var timeStampToken: Data

    public init(documentId: String, packageId: String, kind: String, size: Int64, contentHash: String, leafIndex: Int,
                registeredAt: Date, retentionUntil: Date, timeStampToken: Data) {
        self.documentId = documentId
        self.packageId = packageId
        self.kind = kind
        self.size = size
        self.contentHash = contentHash
        self.leafIndex = leafIndex
        self.registeredAt = registeredAt
        self.retentionUntil = retentionUntil
        self.timeStampToken = timeStampToken
    }
}

/// Who asks to read: the owner institution, or a recipient grant the notifier obtained.
public struct VaultReader: Codable, Sendable, Hashable {
    public var institution: String?
    public var grantId: String?

    public static func institution(_ id: String) -> VaultReader { VaultReader(institution: id, grantId: nil) }
    public static func grant(_ id: String) -> VaultReader { VaultReader(institution: nil, grantId: id) }

    public init(institution: String?, grantId: String?) {
        self.institution = institution
        self.grantId = grantId
    }
}

/// A document's metadata (owner or grant).
public struct DocumentMetadataQuery: BusRequest {
    public typealias Reply = DocumentMetadata
    public static let messageType = MessageType.query("vault.metadata", handledBy: "vault")
    public var documentId: String
    public var reader: VaultReader

    public init(documentId: String, reader: VaultReader) {
        self.documentId = documentId
        self.reader = reader
    }
}

/// Metadata and state of a document.
public struct DocumentMetadata: BusMessage, Hashable {
    public static let messageType = MessageType.reply("vault.metadata.reply")
    public var documentId: String
    public var packageId: String
    public var institution: String
    public var fileName: String
    public var kind: String
    public var title: String
    public var keywords: [String]
    public var description: String
    public var size: Int64
    public var contentHash: String
    public var registeredAt: Date
    public var retentionUntil: Date
    public var legalHold: Bool
    public var destroyedAt: Date?

    public init(documentId: String, packageId: String, institution: String, fileName: String, kind: String, title: String,
                keywords: [String], description: String, size: Int64, contentHash: String, registeredAt: Date,
                retentionUntil: Date, legalHold: Bool, destroyedAt: Date?) {
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
        self.legalHold = legalHold
        self.destroyedAt = destroyedAt
    }
}

/// Reads a bus-sized document's bytes (owner or grant); decrypted and re-hashed on the way out.
public struct FetchDocument: BusRequest {
    public typealias Reply = DocumentContent
    public static let messageType = MessageType.query("vault.fetch", handledBy: "vault")
    public var documentId: String
    public var reader: VaultReader

    public init(documentId: String, reader: VaultReader) {
        self.documentId = documentId
        self.reader = reader
    }
}

public struct DocumentContent: BusMessage, Hashable {
    public static let messageType = MessageType.reply("vault.fetch.reply")
    public var documentId: String
    public var fileName: String
    public var kind: String
    public var contentHash: String
    public var content: Data

    public init(documentId: String, fileName: String, kind: String, contentHash: String, content: Data) {
        self.documentId = documentId
        self.fileName = fileName
        self.kind = kind
        self.contentHash = contentHash
        self.content = content
    }
}

/// Lets the authenticated recipient of a notice read its document (sent by the notifier after
/// the recipient's identity check). The owner institution must own the document.
public struct GrantAccess: BusRequest {
    public typealias Reply = AccessGranted
    public static let messageType = MessageType.command("vault.grant", handledBy: "vault")
    public var documentId: String
    public var institution: String
    public var noticeId: String
    public var expiresAt: Date

    public init(documentId: String, institution: String, noticeId: String, expiresAt: Date) {
        self.documentId = documentId
        self.institution = institution
        self.noticeId = noticeId
        self.expiresAt = expiresAt
    }
}

public struct AccessGranted: BusMessage, Hashable {
    public static let messageType = MessageType.reply("vault.grant.reply")
    /// Unguessable id the reader presents.
    public var grantId: String
    public var documentId: String
    public var expiresAt: Date

    public init(grantId: String, documentId: String, expiresAt: Date) {
        self.grantId = grantId
        self.documentId = documentId
        self.expiresAt = expiresAt
    }
}

/// Destroys a document after its retention, or earlier by an explicit order; refused under a
/// legal hold. Issues a destruction certificate.
public struct DestroyDocument: BusRequest {
    public typealias Reply = CertificateIssued
    public static let messageType = MessageType.command("vault.destroy", handledBy: "vault")
    public var documentId: String
    public var institution: String
    /// Reference of a destruction order (court, owner's instruction); allows destruction before retention ends.
    public var orderReference: String?

    public init(documentId: String, institution: String, orderReference: String? = nil) {
        self.documentId = documentId
        self.institution = institution
        self.orderReference = orderReference
    }
}

/// Sets or releases a legal hold.
public struct SetLegalHold: BusRequest {
    public typealias Reply = LegalHoldState
    public static let messageType = MessageType.command("vault.legalHold", handledBy: "vault")
    public var documentId: String
    public var institution: String
    public var hold: Bool
    public var reason: String

    public init(documentId: String, institution: String, hold: Bool, reason: String) {
        self.documentId = documentId
        self.institution = institution
        self.hold = hold
        self.reason = reason
    }
}

public struct LegalHoldState: BusMessage, Hashable {
    public static let messageType = MessageType.reply("vault.legalHold.reply")
    public var documentId: String
    public var hold: Bool

    public init(documentId: String, hold: Bool) {
        self.documentId = documentId
        self.hold = hold
    }
}
