import Foundation
import GRDB
import Schema
import SongdalCrypto
import Testing
@testable import VaultCore

/// Tampering is detected and the document named (VA-4, VA-6).
@Suite struct TamperTests {
    let fixture: VaultFixture
    let first: DocumentStored
    let second: DocumentStored

    init() throws {
        fixture = try VaultFixture()
        first = try fixture.register(VaultFixture.pdf("first"))
        second = try fixture.register(VaultFixture.pdf("second"))
        _ = try fixture.register(VaultFixture.pdf("third"), institution: "inst-b")
    }

    func problems(_ report: VaultAuditReport, code: String) -> [VaultAuditReport.Problem] {
        report.problems.filter { $0.code == code }
    }

    @Test func cleanStoreVerifies() throws {
        let certificate = try fixture.issue(.registration, first.documentId)
        let report = try fixture.audit()
        #expect(report.isClean, "\(report.problems)")
        #expect(report.documents == 3)
        #expect(report.certificates == 1)
        #expect(try fixture.audit(first.documentId).isClean)
        #expect(fixture.verify(certificate).isValid)
    }

    @Test func flippedBlobByteNamesTheDocument() throws {
        let url = fixture.vault.blobs.url(for: second.documentId)
        var bytes = try [UInt8](Data(contentsOf: url))
        bytes[40] ^= 0x01
        try Data(bytes).write(to: url)
        let report = try fixture.audit()
        #expect(report.problems.map(\.documentId) == [second.documentId], "\(report.problems)")
        #expect(report.problems.first?.code == "blob_altered")
        #expect(try fixture.audit(second.documentId).problems.map(\.code) == ["blob_altered"])
        #expect(try fixture.audit(first.documentId).isClean)
        let fetch = FetchDocument(documentId: second.documentId, reader: .institution("inst-a"))
        #expect(throws: ErrorReply.self) {
            try fixture.store.pool.read { db in try DocumentReader(vault: fixture.vault).fetch(fetch, now: fixture.clock.now, in: db) }
        }
    }

    @Test func editedMetadataRowNamesTheDocument() throws {
        try fixture.tamper("UPDATE document SET title = 'Forged title' WHERE document_id = ?", arguments: [first.documentId])
        let report = try fixture.audit()
        #expect(problems(report, code: "metadata_mismatch").map(\.documentId) == [first.documentId], "\(report.problems)")
        #expect(report.problems.count == 1)
        try fixture.tamper("UPDATE document SET retention_until = 0 WHERE document_id = ?", arguments: [second.documentId])
        #expect(try fixture.audit(second.documentId).problems.map(\.code) == ["metadata_mismatch"])
    }

    @Test func editedLogLeafNamesTheDocument() throws {
        let checkpoint = try fixture.store.pool.write { db in try fixture.vault.checkpoints.checkpoint(now: fixture.clock.now, in: db) }
        #expect(checkpoint?.size == 3)
        let leaf = try fixture.store.pool.read { db in try EvidenceLog.leaf(at: second.leafIndex, in: db) } ?? []
        let forged = String(decoding: leaf, as: UTF8.self).replacingOccurrences(of: "|registered|", with: "|destroyed|")
        try fixture.tamper("UPDATE log_leaf SET data = ? WHERE idx = ?", arguments: [Data(forged.utf8), second.leafIndex])
        let report = try fixture.audit()
        let altered = problems(report, code: "leaf_altered")
        #expect(altered.map(\.documentId) == [second.documentId], "\(report.problems)")
        #expect(problems(report, code: "checkpoint_root_mismatch").count == 1)
        #expect(try fixture.audit(second.documentId).problems.contains { $0.code == "leaf_altered" })
        #expect(try fixture.audit(first.documentId).isClean)
    }

    @Test func rewrittenTreeBreaksTheSignedCheckpoint() throws {
        try fixture.store.pool.write { db in _ = try fixture.vault.checkpoints.checkpoint(now: fixture.clock.now, in: db) }
        // An intruder rewrites a leaf and every node above it consistently: only the signature catches it.
        let leaf = try fixture.store.pool.read { db in try EvidenceLog.leaf(at: 0, in: db) } ?? []
        let forged = Array(String(decoding: leaf, as: UTF8.self).replacingOccurrences(of: "|registered|", with: "|read|").utf8)
        var tree = MerkleTree()
        try fixture.store.pool.read { (db: Database) throws -> Void in
            for index in 0..<3 { tree.append(leafHash: MerkleHash.leaf(index == 0 ? forged : try EvidenceLog.leaf(at: index, in: db) ?? [])) }
        }
        try fixture.tamper("UPDATE log_leaf SET data = ? WHERE idx = 0", arguments: [Data(forged)])
        for (level, hashes) in tree.levels.enumerated() {
            for (index, hash) in hashes.enumerated() {
                try fixture.tamper("UPDATE log_node SET hash = ? WHERE level = ? AND idx = ?", arguments: [Data(hash), level, index])
            }
        }
        let codes = try fixture.audit().problems.map(\.code)
        #expect(codes.contains("checkpoint_root_mismatch"), "\(codes)")
        #expect(try fixture.audit(first.documentId).problems.map(\.code).contains("checkpoint_root_mismatch"))
    }

    @Test func editedCertificateFieldFails() throws {
        let issued = try fixture.issue(.original, first.documentId)
        var forged = issued
        forged.json = issued.json.replacingOccurrences(of: "submission to court", with: "submission to a bank")
        #expect(forged.json != issued.json)
        #expect(fixture.verify(forged).codes == ["signature_invalid"])
        try fixture.tamper("UPDATE certificate SET json = ? WHERE serial = ?", arguments: [forged.json, issued.serial])
        let report = try fixture.audit()
        #expect(report.problems.map(\.code) == ["certificate_signature_invalid"])
        #expect(report.problems.first?.documentId == first.documentId)
        let online = try fixture.store.pool.read { db in
            try CertificateLookup.verify(serial: issued.serial, vault: fixture.vault, now: fixture.clock.now, in: db)
        }
        #expect(!online.valid)
        #expect(online.problems == ["signature_invalid"])
    }

    @Test func swappedTimeStampTokenFails() throws {
        let issued = try fixture.issue(.registration, first.documentId)
        let otherToken = try fixture.store.pool.read { db in
            try Data.fetchOne(db, sql: "SELECT time_stamp FROM document WHERE document_id = ?", arguments: [second.documentId])
        }
        var certificate = try #require(fixture.verify(issued).certificate)
        certificate.timeStampToken = try TimeStampToken(der: [UInt8](#require(otherToken)))
        // Re-signed by the vault's own key, so only the token check can catch the swap.
        let json = try VaultCertificate.encoder().encode(certificate)
        let signature = try fixture.vault.keys.current.sign([UInt8](json))
        let result = CertificateVerifier.verify(json: [UInt8](json), signature: signature, trustedKeys: fixture.trustedKeys)
        #expect(result.codes == ["time_stamp_mismatch"])
        // Swapped in the stored row: the store audit names the document.
        try fixture.tamper("UPDATE document SET time_stamp = ? WHERE document_id = ?", arguments: [otherToken, first.documentId])
        #expect(try fixture.audit(first.documentId).problems.map(\.code) == ["time_stamp_mismatch"])
    }

    @Test func unknownKeyAndExpiryFail() throws {
        let issued = try fixture.issue(.original, first.documentId)
        let stranger = try Ed25519PrivateKey.generate()
        #expect(CertificateVerifier.verify(json: Array(issued.json.utf8), signature: [UInt8](issued.signature),
                                           trustedKeys: [stranger.publicKey]).codes.contains("unknown_key"))
        var certificate = try #require(fixture.verify(issued).certificate)
        certificate.keyId = stranger.publicKey.keyID
        let json = try VaultCertificate.encoder().encode(certificate)
        let forged = try stranger.sign([UInt8](json))
        #expect(CertificateVerifier.verify(json: [UInt8](json), signature: forged, trustedKeys: fixture.trustedKeys).codes == ["unknown_key"])
        // The certificate of original expires after a year.
        let later = fixture.clock.now.addingTimeInterval(400 * 86_400)
        #expect(CertificateVerifier.verify(json: Array(issued.json.utf8), signature: [UInt8](issued.signature),
                                           trustedKeys: fixture.trustedKeys, now: later).codes == ["expired"])
    }

    @Test func forgedInclusionProofFails() throws {
        _ = try fixture.register(VaultFixture.pdf("fourth"))
        let issued = try fixture.issue(.registration, second.documentId)
        var certificate = try #require(fixture.verify(issued).certificate)
        certificate.evidence.entries[0].leafIndex += 1
        let json = try VaultCertificate.encoder().encode(certificate)
        let signature = try fixture.vault.keys.current.sign([UInt8](json))
        #expect(CertificateVerifier.verify(json: [UInt8](json), signature: signature, trustedKeys: fixture.trustedKeys)
            .codes == ["inclusion_proof_invalid"])
    }
}
