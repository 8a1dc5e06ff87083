import Foundation
import GRDB
import Runtime
import Schema
import SongdalCrypto
import Store
@testable import VaultCore

/// A vault without the bus: its store, keys and blobs in a temporary folder, a fake clock.
final class VaultFixture: @unchecked Sendable {
    let directory: URL
    let store: ServiceStore
    let clock: FakeWallClock
    let vault: VaultContext

    init(settings: VaultSettings = VaultSettings()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("songdal-vault-\(UUID().uuidString)")
        store = try ServiceStore(directory: directory, service: "vault", migrations: VaultService.migrations)
        clock = FakeWallClock(Date(timeIntervalSince1970: 1_795_399_200))
        vault = try VaultContext(directory: directory, settings: settings, pool: store.pool, clock: clock)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    static let pdf: [UInt8] = Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n".utf8)

    static func pdf(_ marker: String) -> [UInt8] { pdf + Array("% \(marker)\n".utf8) }

    @discardableResult
    func register(_ bytes: [UInt8] = VaultFixture.pdf, fileName: String = "notice.pdf", institution: String = "inst-a",
                  retentionYears: Int? = nil) throws -> DocumentStored {
        let registrar = DocumentRegistrar(vault: vault)
        let input = VaultDocumentInput(institution: institution, fileName: fileName, title: "Guarantee expiry notice",
                                       keywords: ["guarantee", "2026"], description: "test document", retentionYears: retentionYears)
        let now = clock.now
        return try store.pool.write { db in try registrar.register(input, source: .bytes(bytes), now: now, in: db) }
    }

    func issue(_ kind: VaultCertificateKind, _ documentId: String, institution: String = "inst-a", noticeId: String? = nil) throws -> CertificateIssued {
        let issuer = CertificateIssuer(vault: vault)
        let now = clock.now
        return try store.pool.write { db in
            try issuer.issue(IssueCertificate(kind: kind, documentId: documentId, institution: institution, requester: "legal team",
                                              purpose: "submission to court", noticeId: noticeId),
                             now: now, in: db, outbox: nil)
        }
    }

    func destroy(_ documentId: String, order: String? = nil) throws -> CertificateIssued {
        let now = clock.now
        return try store.pool.write { db in
            try DocumentDestroyer(vault: self.vault).destroy(
                DestroyDocument(documentId: documentId, institution: "inst-a", orderReference: order), now: now, in: db, outbox: nil)
        }
    }

    func audit() throws -> VaultAuditReport { try VaultAuditor(vault: vault).auditStore(pool: store.pool) }

    func audit(_ documentId: String) throws -> VaultAuditReport { try VaultAuditor(vault: vault).auditDocument(documentId, pool: store.pool) }

    /// Runs raw SQL as an intruder with file access would: triggers dropped first.
    func tamper(_ sql: String, arguments: StatementArguments = []) throws {
        try store.pool.writeWithoutTransaction { db in
            for trigger in ["document_no_update", "log_leaf_no_update", "log_node_no_update"] {
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger)")
            }
            try db.execute(sql: sql, arguments: arguments)
        }
    }

    var trustedKeys: [Ed25519PublicKey] { Array(vault.keys.publicKeys.values) }

    func verify(_ issued: CertificateIssued) -> CertificateVerificationResult {
        CertificateVerifier.verify(json: Array(issued.json.utf8), signature: [UInt8](issued.signature), trustedKeys: trustedKeys,
                                   now: clock.now)
    }
}
