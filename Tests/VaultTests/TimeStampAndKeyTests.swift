import Foundation
import GRDB
import Schema
import SongdalCrypto
import Testing
@testable import VaultCore

/// RFC 3161 tokens accepted by stock OpenSSL (VA-5); keys created once, 0600; rotation (VA-6).
@Suite struct TimeStampAndKeyTests {
    func openssl(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func registrationTokenVerifiesWithOpenSSL() throws {
        let fixture = try VaultFixture()
        let bytes = VaultFixture.pdf("stamped")
        let stored = try fixture.register(bytes)
        let token = fixture.directory.appendingPathComponent("registration.tsr")
        let document = fixture.directory.appendingPathComponent("document.pdf")
        try stored.timeStampToken.write(to: token)
        try Data(bytes).write(to: document)
        let anchor = fixture.directory.appendingPathComponent("keys/tsa-cert.pem")
        let good = try openssl(["ts", "-verify", "-data", document.path, "-in", token.path, "-CAfile", anchor.path])
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output.contains("Verification: OK"))
        let other = fixture.directory.appendingPathComponent("other.pdf")
        try Data(VaultFixture.pdf("other")).write(to: other)
        let bad = try openssl(["ts", "-verify", "-data", other.path, "-in", token.path, "-CAfile", anchor.path])
        #expect(bad.status != 0)
        // The checkpoint token too, over the note.
        let checkpoint = try #require(try fixture.store.pool.write { db in try fixture.vault.checkpoints.checkpoint(now: fixture.clock.now, in: db) })
        let checkpointToken = fixture.directory.appendingPathComponent("checkpoint.tsr")
        try Data(checkpoint.timeStampToken.der).write(to: checkpointToken)
        let note = try openssl(["ts", "-verify", "-digest", SHA256.hex(checkpoint.note), "-in", checkpointToken.path, "-CAfile", anchor.path])
        #expect(note.status == 0, "\(note.output)")
    }

    @Test func keysAreCreatedOnceWithPrivateModes() throws {
        let fixture = try VaultFixture()
        let keys = fixture.directory.appendingPathComponent("keys")
        let files = try FileManager.default.contentsOfDirectory(atPath: keys.path).sorted()
        #expect(files.contains("master.key") && files.contains("tsa-key.pem") && files.contains("tsa-cert.pem"))
        #expect(files.contains("signing-\(fixture.vault.keys.current.keyId).pem"))
        for file in files {
            let mode = try FileManager.default.attributesOfItem(atPath: keys.appendingPathComponent(file).path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
        let reopened = try VaultContext(directory: fixture.directory, settings: VaultSettings(), pool: fixture.store.pool, clock: fixture.clock)
        #expect(reopened.keys.current.keyId == fixture.vault.keys.current.keyId)
        #expect(reopened.tsaCertificate == fixture.vault.tsaCertificate)
        #expect(reopened.keys.master.bytes == fixture.vault.keys.master.bytes)
    }

    @Test func rotatedKeysKeepVerifying() throws {
        let fixture = try VaultFixture()
        let stored = try fixture.register()
        let before = try fixture.issue(.registration, stored.documentId)
        let oldKey = fixture.vault.keys.current.keyId
        fixture.clock.advance(by: 86_400)
        try fixture.store.pool.write { db in _ = try fixture.vault.keys.rotate(now: fixture.clock.now, in: db) }
        fixture.clock.advance(by: 60)
        let after = try fixture.issue(.registration, stored.documentId)
        #expect(before.keyId == oldKey)
        #expect(after.keyId != oldKey)
        let history = try fixture.store.pool.read { db in try CertificateLookup.history(in: db) }
        #expect(history.count == 2)
        #expect(history[0].retiredAt != nil && history[1].retiredAt == nil)
        for issued in [before, after] {
            let result = CertificateVerifier.verify(json: Array(issued.json.utf8), signature: [UInt8](issued.signature),
                                                    trustedKeys: fixture.trustedKeys, history: history)
            #expect(result.isValid, "\(result.problems)")
        }
        // Published history with PEM keys an offline verifier can load.
        let published = try fixture.store.pool.read { db in try CertificateLookup.keyHistory(vault: fixture.vault, in: db) }
        let loaded = try published.keys.map { try Ed25519PublicKey(pem: $0.publicKeyPEM) }
        #expect(CertificateVerifier.verify(json: Array(before.json.utf8), signature: [UInt8](before.signature), trustedKeys: loaded).isValid)
        // A certificate claiming the old key after its retirement is refused under the history.
        var late = try #require(fixture.verify(before).certificate)
        late.issuedAt = fixture.clock.now
        let oldPrivate = try Ed25519PrivateKey(pem: String(contentsOf: fixture.directory.appendingPathComponent("keys/signing-\(oldKey).pem"), encoding: .utf8))
        let json = try VaultCertificate.encoder().encode(late)
        let result = CertificateVerifier.verify(json: [UInt8](json), signature: try oldPrivate.sign([UInt8](json)),
                                                trustedKeys: fixture.trustedKeys, history: history)
        #expect(result.codes == ["key_not_active"])
        #expect(try fixture.audit().isClean)
    }

    @Test func certificateRendersAsEscapedHTML() throws {
        let fixture = try VaultFixture()
        let input = VaultDocumentInput(institution: "inst-a", fileName: "n.pdf", title: "<script>alert(1)</script>", keywords: [], description: "")
        let stored = try fixture.store.pool.write { db in
            try DocumentRegistrar(vault: fixture.vault).register(input, source: .bytes(VaultFixture.pdf), now: fixture.clock.now, in: db)
        }
        let issued = try fixture.issue(.original, stored.documentId)
        let html = CertificateRenderer.html(try #require(fixture.verify(issued).certificate))
        #expect(html.contains("원본증명서"))
        #expect(html.contains(issued.serial))
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.contains("<script>"))
    }
}
