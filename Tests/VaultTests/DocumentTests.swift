import Foundation
import GRDB
import Schema
import SongdalCrypto
import Testing
@testable import VaultCore

/// Kind checks, write-once storage, encryption at rest, destruction rules (VA-1..VA-3).
@Suite struct DocumentTests {
    static let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)

    func code(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let error as ErrorReply { return error.code.rawValue } catch { return "\(error)" }
    }

    @Test func kindIsCheckedByContent() throws {
        let fixture = try VaultFixture()
        #expect(code { try fixture.register(VaultFixture.pdf, fileName: "contract.hwp") } == "kind_mismatch")
        #expect(code { try fixture.register([], fileName: "empty.pdf") } == "empty_document")
        #expect(code { try fixture.register(VaultFixture.pdf, fileName: "virus.exe") } == "unsupported_kind")
        #expect(code { try fixture.register(VaultFixture.pdf, fileName: "notes.txt") } == "kind_mismatch")
        #expect(code { try fixture.register(Self.ole2, fileName: "contract.hwp") } == nil)
        #expect(code { try fixture.register(Array("이름,금액\n홍길동,1000\n".utf8), fileName: "list.csv") } == nil)
        #expect(code { try fixture.register([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], fileName: "seal.PNG") } == nil)
        #expect(code { try fixture.register(Array("From: a@example.com\r\nSubject: hi\r\n\r\nbody".utf8), fileName: "m.eml") } == nil)
        do {
            try fixture.register(VaultFixture.pdf, fileName: "contract.hwp")
        } catch let error as ErrorReply {
            #expect(error.message.contains("PDF"), "\(error.message)")
        }
        var small = VaultSettings()
        small.maximumSize = 1_000
        let limited = try VaultFixture(settings: small)
        #expect(code { try limited.register(VaultFixture.pdf + [UInt8](repeating: 0x20, count: 1_000), fileName: "big.pdf") } == "document_too_large")
        #expect(try fixture.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document") } == 4)
    }

    @Test func documentIdsAreOIDsAndBlobsAreEncrypted() throws {
        let fixture = try VaultFixture()
        let stored = try fixture.register(VaultFixture.pdf("secret words"))
        #expect(stored.documentId.hasPrefix("1.2.410.200032.9.2."))
        #expect(stored.packageId.hasPrefix("1.2.410.200032.9.1."))
        #expect(OIDMaker.isValidArc(stored.documentId))
        #expect(stored.contentHash == SHA256.hex(VaultFixture.pdf("secret words")))
        let blob = try Data(contentsOf: fixture.vault.blobs.url(for: stored.documentId))
        #expect(blob.range(of: Data("secret words".utf8)) == nil)
        #expect(blob.range(of: Data("%PDF".utf8)) == nil)
        let content = try fixture.store.pool.read { db in
            try DocumentReader(vault: fixture.vault).fetch(FetchDocument(documentId: stored.documentId, reader: .institution("inst-a")),
                                                          now: fixture.clock.now, in: db)
        }
        #expect([UInt8](content.content) == VaultFixture.pdf("secret words"))
    }

    @Test func largeFilesStreamFromDisk() throws {
        let fixture = try VaultFixture()
        let staged = fixture.directory.appendingPathComponent("staged.pdf")
        var bytes = VaultFixture.pdf
        bytes += [UInt8](repeating: 0x41, count: 3 * 1024 * 1024 + 17)
        try Data(bytes).write(to: staged)
        let input = VaultDocumentInput(institution: "inst-a", fileName: "big.pdf", title: "Big", keywords: [], description: "")
        let now = fixture.clock.now
        let stored = try fixture.store.pool.write { db in
            try DocumentRegistrar(vault: fixture.vault).register(input, source: .file(staged), now: now, in: db)
        }
        #expect(stored.size == Int64(bytes.count))
        #expect(stored.contentHash == SHA256.hex(bytes))
        let out = fixture.directory.appendingPathComponent("out.pdf")
        let key = try fixture.store.pool.read { db in try fixture.vault.keyring.existing("inst-a", in: db) }
        let summary = try fixture.vault.blobs.decrypt(documentId: stored.documentId, key: #require(key), to: out)
        #expect(Hex.encode(summary.hash) == stored.contentHash)
        #expect(try Data(contentsOf: out) == Data(bytes))
        #expect(try fixture.audit().isClean)
    }

    @Test func documentsAreWriteOnce() throws {
        let fixture = try VaultFixture()
        let stored = try fixture.register()
        #expect(throws: DatabaseError.self) {
            try fixture.store.pool.write { db in
                try db.execute(sql: "UPDATE document SET title = 'changed' WHERE document_id = ?", arguments: [stored.documentId])
            }
        }
        #expect(throws: DatabaseError.self) {
            try fixture.store.pool.write { db in try db.execute(sql: "DELETE FROM document") }
        }
        // The bus contract has no update message at all.
        #expect(!VaultService.registry.all.contains { $0.name.contains("update") })
    }

    @Test func destructionRules() throws {
        let fixture = try VaultFixture()
        let stored = try fixture.register(retentionYears: 3)
        #expect(code { _ = try fixture.destroy(stored.documentId) } == "retention_not_expired")
        let hold = SetLegalHold(documentId: stored.documentId, institution: "inst-a", hold: true, reason: "litigation 2026-77")
        _ = try fixture.store.pool.write { db in try DocumentDestroyer(vault: fixture.vault).setHold(hold, in: db) }
        fixture.clock.advance(by: 4 * 366 * 86_400)
        #expect(code { _ = try fixture.destroy(stored.documentId) } == "legal_hold")
        #expect(code { _ = try fixture.destroy(stored.documentId, order: "court-order-1") } == "legal_hold")
        var release = hold
        release.hold = false
        _ = try fixture.store.pool.write { db in try DocumentDestroyer(vault: fixture.vault).setHold(release, in: db) }

        let certificate = try fixture.destroy(stored.documentId)
        #expect(!fixture.vault.blobs.exists(stored.documentId))
        #expect(fixture.verify(certificate).isValid, "\(fixture.verify(certificate).problems)")
        let parsed = try #require(fixture.verify(certificate).certificate)
        #expect(parsed.kind == .destruction)
        #expect(parsed.destruction?.basis == "retention")
        #expect(parsed.document.contentHash == stored.contentHash)
        let leaves = try fixture.store.pool.read { db in
            try EvidenceLog.leaves(of: stored.documentId, in: db).compactMap { try EvidenceLog.leaf(at: $0, in: db).flatMap(EvidenceRecord.init(bytes:)) }
        }
        #expect(leaves.map(\.type) == [.registered, .destroyed, .issued])
        #expect(leaves[1].contentHash == stored.contentHash)
        #expect(code { _ = try fixture.destroy(stored.documentId) } == "already_destroyed")
        #expect(code { _ = try fixture.issue(.original, stored.documentId) } == "document_destroyed")
        let report = try fixture.audit()
        #expect(report.isClean, "\(report.problems)")
    }

    @Test func destructionByOrderBeforeRetention() throws {
        let fixture = try VaultFixture()
        let stored = try fixture.register()
        let certificate = try fixture.destroy(stored.documentId, order: "court-order-2026-15")
        #expect(fixture.verify(certificate).certificate?.destruction?.basis == "court-order-2026-15")
        #expect(!fixture.vault.blobs.exists(stored.documentId))
    }
}
