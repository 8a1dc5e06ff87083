import Foundation
import GRDB
import Schema
import SongdalCrypto
import Testing
@testable import VaultCore

/// X-8: a sandbox notice's evidence leaves say sandbox, and a delivery certificate over them is a
/// sandbox certificate that never verifies as a real one.
@Suite struct SandboxCertificateTests {
    func deliver(_ fixture: VaultFixture, _ documentId: String, notice: String, sandbox: Bool) throws {
        let sent = fixture.clock.now
        try fixture.store.pool.write { db in
            for kind in [VaultEvidence.Kind.delivered, .read] {
                try EvidenceRecorder.record(VaultEvidence(noticeId: notice, documentId: documentId, kind: kind, institution: "inst-a",
                                                          recipientMasked: "010-****-5678", sentAt: sent,
                                                          occurredAt: sent.addingTimeInterval(60), sandbox: sandbox), in: db)
            }
        }
    }

    @Test func aSandboxCertificateIsRefusedAsEvidenceUnlessAllowed() throws {
        let fixture = try VaultFixture()
        let stored = try fixture.register()
        try deliver(fixture, stored.documentId, notice: "n-sandbox", sandbox: true)
        let issued = try fixture.issue(.delivery, stored.documentId, noticeId: "n-sandbox")
        #expect(issued.sandbox)

        // The leaves themselves say sandbox; the certificate's signed bytes too.
        let leaves = try fixture.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT kind FROM notice_evidence WHERE notice_id = 'n-sandbox'")
        }
        #expect(Set(leaves) == ["delivered", "read"])
        let certificate = try VaultCertificate.decoder().decode(VaultCertificate.self, from: Data(issued.json.utf8))
        #expect(certificate.isSandbox)
        #expect(certificate.version == VaultCertificate.sandboxVersion)
        let types = certificate.evidence.entries.compactMap { EvidenceRecord(bytes: Array($0.record.utf8))?.type }
        #expect(types == [.registered, .sandboxDelivered, .sandboxRead])
        #expect(issued.json.contains(#""sandbox":true"#))
        #expect(try VaultCertificate.decodeForVerification(Array(issued.json.utf8)) == certificate, "the scanner reads it as Codable does")

        let refused = fixture.verify(issued)
        #expect(!refused.isValid)
        #expect(refused.isSandbox)
        #expect(refused.codes == ["sandbox_certificate"])
        #expect(refused.problems.first?.message == "sandbox certificate: not valid as evidence")

        let allowed = CertificateVerifier.verify(json: Array(issued.json.utf8), signature: [UInt8](issued.signature),
                                                 trustedKeys: fixture.trustedKeys, now: fixture.clock.now, allowSandbox: true)
        #expect(allowed.isValid, "\(allowed.problems)")
        #expect(allowed.isSandbox)

        // Online, by serial: the same answer, with the reason in words.
        let online = try fixture.store.pool.read { db in
            try CertificateLookup.verify(serial: issued.serial, vault: fixture.vault, now: fixture.clock.now, in: db)
        }
        #expect(!online.valid)
        #expect(online.sandbox)
        #expect(online.problems == ["sandbox_certificate"])
        #expect(online.reason == "sandbox certificate: not valid as evidence")
        let onlineAllowed = try fixture.store.pool.read { db in
            try CertificateLookup.verify(serial: issued.serial, vault: fixture.vault, now: fixture.clock.now, allowSandbox: true, in: db)
        }
        #expect(onlineAllowed.valid, "\(onlineAllowed.problems)")
        #expect(onlineAllowed.sandbox)

        // The audit checks integrity, and a sandbox certificate is sound as one.
        #expect(try fixture.audit().isClean)
    }

    @Test func theSandboxMarkCannotBeRemovedOrForgotten() throws {
        let fixture = try VaultFixture()
        let stored = try fixture.register()
        try deliver(fixture, stored.documentId, notice: "n-sandbox", sandbox: true)
        let issued = try fixture.issue(.delivery, stored.documentId, noticeId: "n-sandbox")

        // Dropping the member breaks the signature, and the sandbox leaves still give it away.
        let stripped = issued.json.replacingOccurrences(of: #","sandbox":true"#, with: "")
            .replacingOccurrences(of: #""sandbox":true,"#, with: "")
        #expect(stripped != issued.json)
        let result = CertificateVerifier.verify(json: Array(stripped.utf8), signature: [UInt8](issued.signature),
                                                trustedKeys: fixture.trustedKeys, allowSandbox: true)
        #expect(result.codes.contains("signature_invalid"))
        #expect(result.codes.contains("sandbox_evidence"))
        #expect(!result.isSandbox)
    }

    @Test func liveCertificatesAreUnchanged() throws {
        let fixture = try VaultFixture()
        let stored = try fixture.register()
        try deliver(fixture, stored.documentId, notice: "n-live", sandbox: false)
        let issued = try fixture.issue(.delivery, stored.documentId, noticeId: "n-live")
        #expect(!issued.sandbox)
        #expect(!issued.json.contains("sandbox"))
        let result = fixture.verify(issued)
        #expect(result.isValid, "\(result.problems)")
        #expect(!result.isSandbox)
        #expect(result.certificate?.version == VaultCertificate.currentVersion)
        let types = result.certificate?.evidence.entries.compactMap { EvidenceRecord(bytes: Array($0.record.utf8))?.type }
        #expect(types == [.registered, .delivered, .read])
    }
}
