import Schema

/// Every message type the gateway sends or receives, from the contracts of the services it fronts.
enum GatewayRegistry {
    static let vault: [MessageType] = [
        StoreDocument.messageType, StoreDocumentFile.messageType, DocumentStored.messageType,
        DocumentMetadataQuery.messageType, DocumentMetadata.messageType, FetchDocument.messageType,
        DocumentContent.messageType, GrantAccess.messageType, AccessGranted.messageType,
        IssueCertificate.messageType, CertificateIssued.messageType, VerifyCertificate.messageType,
        CertificateVerification.messageType, VaultKeyHistoryQuery.messageType, VaultKeyHistory.messageType,
        VerifyVault.messageType, VaultAuditReport.messageType, VaultIntegrityQuery.messageType, VaultIntegrityReport.messageType,
        VaultCheckpointsQuery.messageType, VaultCheckpointList.messageType, VaultConsistencyQuery.messageType, VaultConsistencyProof.messageType,
    ]
    static let billing: [MessageType] = [
        UpsertSubscription.messageType, SubscriptionStored.messageType,
        InvoiceQuery.messageType, InvoiceReply.messageType, IssueInvoices.messageType, InvoicesIssued.messageType,
        MileageQuery.messageType, MileageStatement.messageType, UsageSummaryQuery.messageType, UsageSummary.messageType,
    ]
    static let reminder: [MessageType] = [
        UpsertMember.messageType, UpsertGuarantee.messageType, ReminderUpserted.messageType,
        ImportGuarantees.messageType, GuaranteeImportReport.messageType, GuaranteeIssued.messageType,
        AddReminderRecipient.messageType, RemoveReminderRecipient.messageType, SetReminderOptOut.messageType,
        ReminderRecipientAccepted.messageType, RunReminders.messageType, PreviewReminders.messageType,
        ReminderRunReport.messageType,
    ]

    static var all: [MessageType] {
        IdentityContract.messageTypes + vault + billing + reminder + NotifierBinding.messageTypes
    }
}
