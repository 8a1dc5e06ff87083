import Bus
import Foundation
import GRDB
import Schema
import SongdalCrypto
import SongdalTesting
import Store
import Testing
@testable import VaultCore

/// Issue 19 over the bus, through the real handlers: a tampered document's issuance is refused
/// with `integrity_failure`, and the flag the handler records commits although nothing was issued.
@Suite(.serialized) struct IntegrityBusTests {
    func rejection<T>(_ body: () async throws -> T) async -> ErrorReply? {
        do { _ = try await body(); return nil } catch BusError.rejected(let reply) { return reply } catch { return nil }
    }

    @Test func aFlippedBlobByteIsRefusedAndFlaggedOverTheBus() async throws {
        let cluster = try TestCluster()
        defer { Task { await cluster.shutdown() } }
        let vault = try await cluster.start(ClusterMember(VaultService.self))
        let gateway = try await cluster.start(ClusterMember(service: "gateway", registry: VaultBusTests.registry) { _ in [] })
        let input = VaultDocumentInput(institution: "inst-a", fileName: "tax.pdf", title: "Local tax notice", keywords: [], description: "")
        let stored = try await gateway.request(StoreDocument(document: input, content: Data(VaultFixture.pdf("flip"))), timeoutMilliseconds: 5_000)
        let intact = try await gateway.request(StoreDocument(document: input, content: Data(VaultFixture.pdf("intact"))), timeoutMilliseconds: 5_000)

        let shard = String(SHA256.hex(stored.documentId).prefix(2))
        let blob = cluster.directory.appendingPathComponent("vault-1/blobs/\(shard)/\(stored.documentId).sgc")
        var bytes = try [UInt8](Data(contentsOf: blob))
        bytes[40] ^= 0x01
        try Data(bytes).write(to: blob)

        for kind in [VaultCertificateKind.original, .registration] {
            let reply = await rejection {
                try await gateway.request(IssueCertificate(kind: kind, documentId: stored.documentId, institution: "inst-a",
                                                           requester: "legal", purpose: "court"), timeoutMilliseconds: 5_000)
            }
            #expect(reply.map { "\($0.code)" } == "integrity_failure", "\(kind): \(String(describing: reply))")
            #expect(reply?.message.contains("blob_altered") == true)
        }
        let destroy = await rejection {
            try await gateway.request(DestroyDocument(documentId: stored.documentId, institution: "inst-a", orderReference: "order-1"),
                                      timeoutMilliseconds: 5_000)
        }
        #expect(destroy.map { "\($0.code)" } == "integrity_failure")

        // Nothing issued, the document flagged (the refusal's transaction committed), the audit names it.
        let certificates = try await vault.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM certificate") }
        #expect(certificates == 0)
        let flags = try await gateway.request(VaultIntegrityQuery(documentId: stored.documentId))
        #expect(flags.flaggedDocuments == 1)
        #expect(flags.findings.map(\.operation) == ["issuance:original", "issuance:registration", "destruction"])
        #expect(flags.findings.allSatisfy { $0.code == "blob_altered" })
        let all = try await gateway.request(VaultIntegrityQuery())
        #expect(all.flaggedDocuments == 1)
        let report = try await gateway.request(VerifyVault(documentId: stored.documentId))
        #expect(Set(report.problems.map(\.code)) == ["blob_altered", "integrity_flagged"], "\(report.problems)")

        // The untouched document still certifies.
        let issued = try await gateway.request(IssueCertificate(kind: .original, documentId: intact.documentId, institution: "inst-a",
                                                                requester: "legal", purpose: "court"), timeoutMilliseconds: 5_000)
        #expect(issued.documentId == intact.documentId)
        #expect(try await gateway.request(VaultIntegrityQuery(documentId: intact.documentId)).flaggedDocuments == 0)
    }
}

/// The log's checkpoints and consistency proofs (VA-4): what an auditor needs to check
/// append-only growth without an export of the store.
@Suite struct LogQueryTests {
    @Test func checkpointsListAndConsistencyProofsVerify() throws {
        let fixture = try VaultFixture()
        for marker in ["a", "b", "c", "d", "e"] {
            try fixture.register(VaultFixture.pdf(marker))
            try fixture.store.pool.write { db in _ = try fixture.vault.checkpoints.checkpoint(now: fixture.clock.now, in: db) }
        }
        let list = try fixture.store.pool.read { db in try LogQueries.checkpoints(VaultCheckpointsQuery(fromSize: 2, limit: 10), in: db) }
        #expect(list.logSize == 5)
        #expect(list.checkpoints.map(\.size) == [2, 3, 4, 5])
        let key = try #require(fixture.vault.keys.publicKeys[list.checkpoints[0].keyId])
        for entry in list.checkpoints {
            let note = "\(entry.origin)\n\(entry.size)\n\(entry.root)\n"
            #expect(key.isValidSignature([UInt8](Data(base64Encoded: entry.signature) ?? Data()), for: Array(note.utf8)))
        }
        for (older, newer) in [(2, 5), (3, 4), (2, 3), (4, 5)] {
            let proof = try fixture.store.pool.read { db in try LogQueries.consistency(VaultConsistencyQuery(first: older, second: newer), in: db) }
            let firstEntry = try #require(list.checkpoints.first { $0.size == older })
            let secondEntry = try #require(list.checkpoints.first { $0.size == newer })
            let firstRoot = [UInt8](Data(base64Encoded: firstEntry.root) ?? Data())
            let secondRoot = [UInt8](Data(base64Encoded: secondEntry.root) ?? Data())
            #expect(Hex.encode(firstRoot) == proof.firstRoot && Hex.encode(secondRoot) == proof.secondRoot)
            try MerkleVerifier.verifyConsistency(first: older, second: newer, firstRoot: firstRoot, secondRoot: secondRoot,
                                                 proof: proof.proof.compactMap { Hex.decode($0) })
        }
        #expect(throws: ErrorReply.self) {
            try fixture.store.pool.read { db in try LogQueries.consistency(VaultConsistencyQuery(first: 3, second: 6), in: db) }
        }
        #expect(throws: ErrorReply.self) {
            try fixture.store.pool.read { db in try LogQueries.consistency(VaultConsistencyQuery(first: 4, second: 3), in: db) }
        }
    }
}
