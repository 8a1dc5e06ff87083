import Foundation

// Documents the vault flagged because a re-check before issuing found them altered (issue 19).
// Handled by `vault`; operator only at the gateway.

/// One finding about a flagged document: when, during what, which check and what differed.
public struct IntegrityFlag: Codable, Sendable, Hashable {
    public var documentId: String
    public var foundAt: Date
    /// `issuance:<kind>` or `destruction`.
    public var operation: String
    /// The check that failed (`blob_altered`, `metadata_mismatch`, `leaf_altered`, …).
    public var code: String
    /// What differed (hashes and ids only).
    public var detail: String

    public init(documentId: String, foundAt: Date, operation: String, code: String, detail: String) {
        self.documentId = documentId
        self.foundAt = foundAt
        self.operation = operation
        self.code = code
        self.detail = detail
    }
}

/// The flagged documents: one document's findings, or the newest of the whole store.
public struct VaultIntegrityQuery: BusRequest {
    public typealias Reply = VaultIntegrityReport
    public static let messageType = MessageType.query("vault.integrity", handledBy: "vault")
    /// One document, or nil for the whole store.
    public var documentId: String?
    /// At most this many findings (newest first for the whole store).
    public var limit: Int

    public init(documentId: String? = nil, limit: Int = 50) {
        self.documentId = documentId
        self.limit = limit
    }
}

public struct VaultIntegrityReport: BusMessage, Hashable {
    public static let messageType = MessageType.reply("vault.integrity.reply")
    /// How many documents are flagged (for one document: 0 or 1).
    public var flaggedDocuments: Int
    public var findings: [IntegrityFlag]

    public init(flaggedDocuments: Int, findings: [IntegrityFlag]) {
        self.flaggedDocuments = flaggedDocuments
        self.findings = findings
    }
}
