import Foundation

/// Delivery evidence the notifier records in the vault's log (VA-4, NO-2): a notice carrying a
/// vault document was delivered to, or read by, its recipient. Sent through the notifier's
/// outbox; applied once. The masked recipient is kept for the delivery certificate only, never
/// put in a log leaf.
public struct VaultEvidence: BusMessage, Hashable {
    public static let messageType = MessageType.command("vault.evidence", handledBy: "vault")

    public enum Kind: String, Codable, Sendable { case delivered, read }

    public var noticeId: String
    public var documentId: String
    public var kind: Kind
    /// The sending institution (must own the document).
    public var institution: String
    /// Masked recipient, e.g. `010-****-5678` or `홍*동`.
    public var recipientMasked: String
    public var sentAt: Date
    /// When it was delivered (`delivered`), or when it was read (`read`).
    public var occurredAt: Date
    /// Evidence of a sandbox notice: its log leaf says so, and certificates over it are
    /// sandbox certificates. Absent (live) in messages of older notifiers.
    @SandboxFlag public var sandbox: Bool

    public init(noticeId: String, documentId: String, kind: Kind, institution: String, recipientMasked: String,
                sentAt: Date, occurredAt: Date, sandbox: Bool = false) {
        self.sandbox = sandbox
        self.noticeId = noticeId
        self.documentId = documentId
        self.kind = kind
        self.institution = institution
        self.recipientMasked = recipientMasked
        self.sentAt = sentAt
        self.occurredAt = occurredAt
    }
}

/// Many `VaultEvidence` items in one message (bulk campaigns, NO-7): applied as if each were
/// sent alone — once per (notice, kind); an item whose document is unknown or foreign is skipped
/// and counted, so one bad item never blocks the batch.
public struct VaultEvidenceBatch: BusMessage {
    public static let messageType = MessageType.command("vault.evidenceBatch", handledBy: "vault")
    public var items: [VaultEvidence]

    public init(items: [VaultEvidence]) { self.items = items }
}
