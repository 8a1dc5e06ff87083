import Bus
import Foundation
import GRDB
import Logging
import Schema

/// Wires the vault's bus contract (Shared/Schema/Vault*.swift) to the domain types.
enum VaultHandlers {
    static func register(on endpoint: BusEndpoint, vault: VaultContext, logger: Logger) {
        let registrar = DocumentRegistrar(vault: vault)
        let issuer = CertificateIssuer(vault: vault)
        let destroyer = DocumentDestroyer(vault: vault)
        let reader = DocumentReader(vault: vault)

        endpoint.handle(StoreDocument.self, reply: { request, context in
            let stored = try registrar.register(request.document, source: .bytes([UInt8](request.content)), now: context.now, in: context.db)
            logger.info("document stored", metadata: ["document": "\(stored.documentId)", "size": "\(stored.size)", "leaf": "\(stored.leafIndex)"])
            return stored
        })
        endpoint.handle(StoreDocumentFile.self, reply: { request, context in
            let url = URL(fileURLWithPath: request.path)
            guard request.path.hasPrefix("/") else {
                throw ErrorReply(code: "invalid_path", message: "path must be absolute", field: "path")
            }
            let stored = try registrar.register(request.document, source: .file(url), now: context.now, in: context.db)
            logger.info("document stored", metadata: ["document": "\(stored.documentId)", "size": "\(stored.size)", "leaf": "\(stored.leafIndex)"])
            return stored
        })
        endpoint.answer(DocumentMetadataQuery.self) { request, context in
            try await context.store.pool.read { db in
                let document = try AccessPolicy.authorize(request.reader, documentId: request.documentId, now: context.now, in: db)
                let state = try DocumentState.fetch(document.documentId, in: db)
                return DocumentMetadata(
                    documentId: document.documentId, packageId: document.packageId, institution: document.institution,
                    fileName: document.fileName, kind: document.kind, title: document.title, keywords: document.keywords,
                    description: document.description, size: document.size, contentHash: document.contentHash,
                    registeredAt: document.registered, retentionUntil: document.retention, legalHold: state.legalHold,
                    destroyedAt: state.destroyedAt.map(CertificateIssuer.date))
            }
        }
        endpoint.answer(FetchDocument.self) { request, context in
            try await context.store.pool.read { db in try reader.fetch(request, now: context.now, in: db) }
        }
        endpoint.handle(GrantAccess.self, reply: { request, context in
            try AccessPolicy.grant(request, now: context.now, in: context.db)
        })
        endpoint.handle(IssueCertificate.self, reply: { request, context in
            let issued = try issuer.issue(request, now: context.now, in: context.db, outbox: context.outbox)
            logger.info("certificate issued", metadata: ["serial": "\(issued.serial)", "kind": "\(issued.kind.rawValue)"])
            return issued
        })
        endpoint.handle(DestroyDocument.self, reply: { request, context in
            let issued = try destroyer.destroy(request, now: context.now, in: context.db, outbox: context.outbox)
            logger.info("document destroyed", metadata: ["document": "\(issued.documentId)", "certificate": "\(issued.serial)"])
            return issued
        })
        endpoint.handle(SetLegalHold.self, reply: { request, context in
            try destroyer.setHold(request, in: context.db)
        })
        endpoint.handle(VaultEvidence.self) { evidence, context in
            try EvidenceRecorder.record(evidence, in: context.db)
        }
        endpoint.answer(VerifyCertificate.self) { request, context in
            try await context.store.pool.read { db in try CertificateLookup.verify(serial: request.serial, vault: vault, now: context.now,
                                                                             allowSandbox: request.allowSandbox, in: db) }
        }
        endpoint.answer(VaultKeyHistoryQuery.self) { _, context in
            try await context.store.pool.read { db in try CertificateLookup.keyHistory(vault: vault, in: db) }
        }
        endpoint.answer(VerifyVault.self) { request, context in
            let auditor = VaultAuditor(vault: vault)
            if let documentId = request.documentId { return try auditor.auditDocument(documentId, pool: context.store.pool) }
            return try auditor.auditStore(pool: context.store.pool)
        }
    }
}
