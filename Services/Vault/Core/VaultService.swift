import Bus
import Foundation
import Schema
import ServiceLifecycle
import Store

/// The document vault (SPEC §2, 공인전자문서센터) as a bus service.
public enum VaultService: ServiceDefinition {
    public static let name = "vault"
    public static let migrations: [Migration] = VaultMigrations.all
    /// Appends rewrite the log's node and leaf indexes at random places: with 16 KiB pages a
    /// million-leaf append measured ~97k → ~131k leaves/s.
    public static let storePageSize = 16_384
    public static let registry = MessageRegistry([
        StoreDocument.messageType, StoreDocumentFile.messageType, DocumentStored.messageType,
        DocumentMetadataQuery.messageType, DocumentMetadata.messageType, FetchDocument.messageType, DocumentContent.messageType,
        GrantAccess.messageType, AccessGranted.messageType, DestroyDocument.messageType, SetLegalHold.messageType,
        LegalHoldState.messageType, IssueCertificate.messageType, CertificateIssued.messageType,
        VerifyCertificate.messageType, CertificateVerification.messageType, VaultKeyHistoryQuery.messageType,
        VaultKeyHistory.messageType, VerifyVault.messageType, VaultAuditReport.messageType, VaultEvidence.messageType, VaultEvidenceBatch.messageType,
        VaultIntegrityQuery.messageType, VaultIntegrityReport.messageType, VaultCheckpointsQuery.messageType, VaultCheckpointList.messageType,
        VaultConsistencyQuery.messageType, VaultConsistencyProof.messageType, RecordUsage.messageType,
    ])

    public static func build(_ environment: ServiceEnvironment) async throws -> [any Service] {
        let settings: VaultSettings
        do { settings = try VaultSettings(environment.settings, setting: environment.setting) } catch {
            throw VaultStartupError.badSetting(error.description)
        }
        let vault = try VaultContext(directory: environment.directory, settings: settings, pool: environment.store.pool,
                                     clock: environment.clock)
        VaultHandlers.register(on: environment.endpoint, vault: vault, logger: environment.logger)
        EvidenceBatchHandler.register(on: environment.endpoint, logger: environment.logger)
        LogQueries.register(on: environment.endpoint)
        return [
            StorageMeter(endpoint: environment.endpoint, clock: environment.clock, logger: environment.logger),
            CheckpointService(vault: vault, store: environment.store, clock: environment.clock, logger: environment.logger),
        ]
    }
}
