import Foundation
import GRDB
import Schema
import SongdalCrypto
import Testing
@testable import VaultCore

/// Issue 19, item 1: issuance re-verifies. A document whose blob, row or leaf was altered gets no
/// certificate of any kind: a typed `integrity_failure`, nothing issued, the document flagged
/// (what differed, when, during what), and the store audit names it.
@Suite struct IssuanceIntegrityTests {
    enum Tamper: String, CaseIterable, CustomStringConvertible {
        /// One byte of the encrypted blob on disk.
        case blobByteFlip
        /// The title in the document row.
        case editedTitle
        /// The content hash in the document row (as if other bytes had been registered).
        case editedContentHash
        /// The title in the row and the metadata hash in the registered leaf, consistently.
        case editedLeaf
        /// Like `editedLeaf`, and every stored tree node above it recomputed: only the signed
        /// checkpoint catches it.
        case rewrittenTree

        var description: String { rawValue }
    }

    let fixture: VaultFixture
    /// Registered, delivered and read for notice `n-1`: every kind but destruction applies.
    let live: DocumentStored
    /// Registered, then destroyed by order: the destruction certificate applies.
    let destroyed: DocumentStored
    /// Never touched: it keeps certifying.
    let untouched: DocumentStored

    init() throws {
        fixture = try VaultFixture()
        live = try fixture.register(VaultFixture.pdf("live"))
        destroyed = try fixture.register(VaultFixture.pdf("destroyed"))
        untouched = try fixture.register(VaultFixture.pdf("untouched"))
        for document in [live, untouched] { try deliver(document.documentId, notice: "n-\(document.documentId)") }
        _ = try fixture.destroy(destroyed.documentId, order: "court-order-7")
        // The latest signed checkpoint covers everything so far.
        try fixture.store.pool.write { db in _ = try fixture.vault.checkpoints.checkpoint(now: fixture.clock.now, in: db) }
    }

    func deliver(_ documentId: String, notice: String) throws {
        let sent = fixture.clock.now
        try fixture.store.pool.write { db in
            for kind in [VaultEvidence.Kind.delivered, .read] {
                try EvidenceRecorder.record(VaultEvidence(noticeId: notice, documentId: documentId, kind: kind, institution: "inst-a",
                                                          recipientMasked: "010-****-5678", sentAt: sent,
                                                          occurredAt: sent.addingTimeInterval(60)), in: db)
            }
        }
    }

    /// As the bus handler issues: the certificate, or the failure with the document flagged.
    func attempt(_ kind: VaultCertificateKind, _ document: DocumentStored) throws -> Result<CertificateIssued, IntegrityFailure> {
        let now = fixture.clock.now
        let request = IssueCertificate(kind: kind, documentId: document.documentId, institution: "inst-a", requester: "legal team",
                                       purpose: "submission to court", noticeId: kind == .delivery ? "n-\(document.documentId)" : nil)
        return try fixture.store.pool.write { db in
            try CertificateIssuer(vault: fixture.vault).issueOrFlag(request, now: now, in: db, outbox: nil)
        }
    }

    func attemptDestruction(_ document: DocumentStored) throws -> Result<CertificateIssued, IntegrityFailure> {
        let now = fixture.clock.now
        return try fixture.store.pool.write { db in
            try DocumentDestroyer(vault: fixture.vault).destroyOrFlag(
                DestroyDocument(documentId: document.documentId, institution: "inst-a", orderReference: "order-9"),
                now: now, in: db, outbox: nil)
        }
    }

    func apply(_ tamper: Tamper, to document: DocumentStored) throws {
        switch tamper {
        case .blobByteFlip:
            let url = fixture.vault.blobs.url(for: document.documentId)
            var bytes = try [UInt8](Data(contentsOf: url))
            bytes[40] ^= 0x01
            try Data(bytes).write(to: url)
        case .editedTitle:
            try fixture.tamper("UPDATE document SET title = 'Forged title' WHERE document_id = ?", arguments: [document.documentId])
        case .editedContentHash:
            try fixture.tamper("UPDATE document SET content_hash = ? WHERE document_id = ?",
                               arguments: [SHA256.hex(VaultFixture.pdf("other bytes")), document.documentId])
        case .editedLeaf, .rewrittenTree:
            try fixture.tamper("UPDATE document SET title = 'Forged title' WHERE document_id = ?", arguments: [document.documentId])
            let (row, leaf) = try fixture.store.pool.read { db in
                (try #require(try DocumentRecord.fetch(document.documentId, in: db)),
                 try #require(try EvidenceLog.leaf(at: document.leafIndex, in: db)))
            }
            var record = try #require(EvidenceRecord(bytes: leaf))
            record.metadataHash = row.metadataHash
            try fixture.tamper("UPDATE log_leaf SET data = ? WHERE idx = ?", arguments: [Data(record.bytes), document.leafIndex])
            guard tamper == .rewrittenTree else { return }
            var tree = MerkleTree()
            try fixture.store.pool.read { db in
                for index in 0..<(try EvidenceLog.size(db)) { tree.append(leafHash: MerkleHash.leaf(try EvidenceLog.leaf(at: index, in: db) ?? [])) }
            }
            for (level, hashes) in tree.levels.enumerated() {
                for (index, hash) in hashes.enumerated() {
                    try fixture.tamper("UPDATE log_node SET hash = ? WHERE level = ? AND idx = ?", arguments: [Data(hash), level, index])
                }
            }
        }
    }

    func counts() throws -> (certificates: Int, leaves: Int) {
        try fixture.store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM certificate") ?? 0, try EvidenceLog.size(db))
        }
    }

    /// Checks that `outcome` is a refusal about `document` and that nothing was issued.
    func expectRefused(_ outcome: Result<CertificateIssued, IntegrityFailure>, _ document: DocumentStored, before: (certificates: Int, leaves: Int),
                       _ label: String) throws -> IntegrityFailure? {
        guard case .failure(let failure) = outcome else {
            Issue.record("\(label): a certificate was issued for a tampered document")
            return nil
        }
        #expect("\(failure.reply.code)" == "integrity_failure", "\(label)")
        #expect(failure.reply.field == "documentId", "\(label)")
        #expect(failure.documentId == document.documentId, "\(label)")
        #expect(!failure.findings.isEmpty, "\(label)")
        let after = try counts()
        #expect(after.certificates == before.certificates && after.leaves == before.leaves, "\(label): something was written")
        return failure
    }

    @Test(arguments: Tamper.allCases)
    func aTamperedDocumentGetsNoCertificateOfAnyKind(_ tamper: Tamper) throws {
        try apply(tamper, to: live)
        if tamper != .blobByteFlip { try apply(tamper, to: destroyed) }
        var operations: [String] = []
        for kind in VaultCertificateKind.allCases {
            let before = try counts()
            switch kind {
            case .destruction:
                // Destroying re-hashes the blob first: the tampered document stays, flagged.
                let failure = try expectRefused(try attemptDestruction(live), live, before: before, "\(tamper) destroy")
                #expect(failure?.operation == "issuance:destruction" || failure?.operation == "destruction")
                #expect(fixture.vault.blobs.exists(live.documentId), "a refused destruction keeps the blob")
                #expect(try fixture.store.pool.read { db in try DocumentState.fetch(live.documentId, in: db).destroyedAt } == nil)
                if tamper != .blobByteFlip {
                    _ = try expectRefused(try attempt(.destruction, destroyed), destroyed, before: before, "\(tamper) destruction certificate")
                }
            default:
                let failure = try expectRefused(try attempt(kind, live), live, before: before, "\(tamper) \(kind)")
                #expect(failure?.operation == "issuance:\(kind.rawValue)")
            }
            operations.append(kind.rawValue)
        }

        // Flagged: every refusal recorded, with time, operation and what differed.
        let flags = try fixture.store.pool.read { db in try IntegrityFindings.of(live.documentId, in: db) }
        #expect(Set(flags.map(\.operation)).count == VaultCertificateKind.allCases.count, "\(flags.map(\.operation))")
        #expect(flags.allSatisfy { $0.foundAt == fixture.clock.now && !$0.detail.isEmpty })
        let codes = Set(flags.map(\.code))
        switch tamper {
        case .blobByteFlip: #expect(codes == ["blob_altered"])
        case .editedTitle: #expect(codes == ["metadata_mismatch"])
        case .editedContentHash: #expect(codes.isSuperset(of: ["content_hash_mismatch", "metadata_mismatch", "blob_hash_mismatch"]), "\(codes)")
        case .editedLeaf: #expect(codes == ["leaf_altered"], "\(codes)")
        case .rewrittenTree: #expect(codes == ["checkpoint_root_mismatch"], "\(codes)")
        }
        if tamper != .blobByteFlip {
            #expect(try fixture.store.pool.read { db in try IntegrityFindings.of(destroyed.documentId, in: db) }.count >= 1)
        }
        let store = try fixture.store.pool.read { db in try IntegrityFindings.recent(limit: 100, in: db) }
        #expect(store.documents == (tamper == .blobByteFlip ? 1 : 2))

        // The store audit names the document too.
        let report = try fixture.audit()
        #expect(report.problems.contains { $0.documentId == live.documentId }, "\(report.problems)")
        #expect(!report.problems.contains { $0.documentId == untouched.documentId }, "\(report.problems)")

        // The untouched document still certifies, every kind, and its certificates verify
        // (except under a rewritten tree, which breaks the signed checkpoint for everyone).
        guard tamper != .rewrittenTree else { return }
        for kind in [VaultCertificateKind.original, .registration, .delivery] {
            guard case .success(let issued) = try attempt(kind, untouched) else {
                Issue.record("\(tamper): \(kind) refused for an untouched document")
                continue
            }
            #expect(fixture.verify(issued).isValid, "\(kind): \(fixture.verify(issued).problems)")
        }
        #expect(try fixture.store.pool.read { db in try IntegrityFindings.of(untouched.documentId, in: db) }.isEmpty)
    }

    @Test func untamperedDocumentsCertifyEveryKindAndStayUnflagged() throws {
        for kind in [VaultCertificateKind.original, .registration, .delivery] {
            for document in [live, untouched] {
                guard case .success(let issued) = try attempt(kind, document) else {
                    Issue.record("\(kind) refused for \(document.documentId)")
                    continue
                }
                #expect(fixture.verify(issued).isValid)
            }
        }
        guard case .success(let destruction) = try attempt(.destruction, destroyed) else {
            Issue.record("destruction certificate refused")
            return
        }
        #expect(fixture.verify(destruction).isValid)
        guard case .success(let destroyedNow) = try attemptDestruction(live) else {
            Issue.record("destruction refused")
            return
        }
        #expect(fixture.verify(destroyedNow).isValid)
        #expect(!fixture.vault.blobs.exists(live.documentId))
        #expect(try fixture.store.pool.read { db in try IntegrityFindings.recent(limit: 10, in: db) }.documents == 0)
        #expect(try fixture.audit().isClean)
    }

    @Test func certificatesIssuedBeforeTheRecheckKeepVerifying() throws {
        // Certificates already issued are not touched by a later finding: they verify offline as
        // before (their evidence is self-contained); only new issuance is refused.
        let earlier = try fixture.issue(.original, live.documentId)
        try apply(.editedTitle, to: live)
        #expect(fixture.verify(earlier).isValid)
        guard case .failure = try attempt(.original, live) else {
            Issue.record("issued after the title was edited")
            return
        }
    }

    @Test func theIssuerAloneThrowsTheTypedFailureAndWritesNothing() throws {
        try apply(.blobByteFlip, to: live)
        let before = try counts()
        #expect(throws: IntegrityFailure.self) { try fixture.issue(.original, live.documentId) }
        let after = try counts()
        #expect(after.certificates == before.certificates)
        #expect(after.leaves == before.leaves)
        // Without the flagging wrapper nothing is recorded (the caller's transaction rolled back).
        #expect(try fixture.store.pool.read { db in try IntegrityFindings.of(live.documentId, in: db) }.isEmpty)
    }
}
