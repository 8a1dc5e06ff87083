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
                throw ErrorReply(code: .invalidPath, message: "path must be absolute", field: "path")
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
        // Issuing and destroying re-check the document first (issue 19). A document that fails
        // is flagged in this transaction, which commits, and the caller gets `integrity_failure`:
        // the reply is sent by hand because a thrown refusal would roll the flag back too.
        endpoint.handle(IssueCertificate.self, { (request: IssueCertificate, context: HandlerContext) throws -> Void in
            switch try issuer.issueOrFlag(request, now: context.now, in: context.db, outbox: context.outbox) {
            case .success(let issued):
                logger.info("certificate issued", metadata: ["serial": "\(issued.serial)", "kind": "\(issued.kind.rawValue)"])
                try Self.answer(issued, context)
            case .failure(let failure):
                Self.refused(failure, logger: logger)
                try Self.answer(failure.reply, context)
            }
        })
        endpoint.handle(DestroyDocument.self, { (request: DestroyDocument, context: HandlerContext) throws -> Void in
            switch try destroyer.destroyOrFlag(request, now: context.now, in: context.db, outbox: context.outbox) {
            case .success(let issued):
                logger.info("document destroyed", metadata: ["document": "\(issued.documentId)", "certificate": "\(issued.serial)"])
                try Self.answer(issued, context)
            case .failure(let failure):
                Self.refused(failure, logger: logger)
                try Self.answer(failure.reply, context)
            }
        })
        endpoint.answer(VaultIntegrityQuery.self) { request, context in
            try await context.store.pool.read { db in
                let limit = max(1, min(request.limit, 1_000))
                if let documentId = request.documentId {
                    let findings = try IntegrityFindings.of(documentId, in: db)
                    return VaultIntegrityReport(flaggedDocuments: findings.isEmpty ? 0 : 1, findings: Array(findings.suffix(limit)))
                }
                let recent = try IntegrityFindings.recent(limit: limit, in: db)
                return VaultIntegrityReport(flaggedDocuments: recent.documents, findings: recent.findings)
            }
        }
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

    /// Sends the reply of a command handled without `handle(_:reply:)`, as that would.
    static func answer(_ reply: some BusMessage, _ context: HandlerContext) throws {
        _ = try context.outbox.send(reply, to: context.envelope.header.source, correlationId: context.envelope.header.id,
                                    causationId: context.envelope.header.id, in: context.db)
    }

    static func refused(_ failure: IntegrityFailure, logger: Logger) {
        logger.error("integrity failure: nothing issued, document flagged", metadata: [
            "document": "\(failure.documentId)", "operation": "\(failure.operation)",
            "checks": "\(failure.findings.map(\.code).joined(separator: ","))",
        ])
    }
}
