import Foundation
import GRDB
import Runtime
import Schema
import SongdalCrypto
import Store

/// `songdal bench vault`: registration, log appends, certificate verification and a whole-store
/// audit, each at the issue's goal size unless `count` scales them down.
///
/// Keys: `register` (documents of 100 KB per second: stored, hashed, logged, time-stamped, one
/// checkpoint per batch), `append` (log leaves per second), `verify` (certificates per second,
/// offline), `audit` (seconds for a whole-store verify of the log of ≥ 1,000,000 leaves).
public enum VaultBenchmark {
    /// Runs one named phase of the benchmark; `songdal bench` passes one that enforces a deadline.
    public typealias Phase = @Sendable (_ name: String, _ body: () async throws -> Void) async throws -> Void

    public static func run(count: Int?, directory: URL, phase: Phase = { _, body in try await body() })
        async throws -> [(key: String, value: String)] {
        let folder = directory.appendingPathComponent("vault-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try ServiceStore(directory: folder, service: "vault", migrations: VaultMigrations.all,
                                     pageSize: VaultService.storePageSize)
        let clock = FakeWallClock(Date(timeIntervalSince1970: 1_795_399_200))
        let vault = try VaultContext(directory: folder, settings: VaultSettings(), pool: store.pool, clock: clock)
        let documents = count.map { max(100, $0 / 250) } ?? 4_000
        let leaves = count ?? 1_000_000

        // Each phase starts with the disk quiet: the kernel writing back the previous phase's
        // pages (400 MB of blobs after registration) takes CPU from whatever is timed next.
        var register = 0.0, append = 0.0, verify = 0.0, audit = 0.0
        try await phase("register") {
            sync()
            register = try registerDocuments(documents, vault: vault, pool: store.pool, clock: clock)
        }
        try await phase("append") {
            sync()
            append = try appendLeaves(leaves, vault: vault, pool: store.pool, clock: clock)
        }
        try await phase("verify") {
            sync()
            verify = try verifyCertificates(documents, vault: vault, pool: store.pool, clock: clock)
        }
        var audited: VaultAuditReport?
        try await phase("audit") {
            var auditor = VaultAuditor(vault: vault)
            auditor.checkAllCheckpointStamps = false
            sync()
            let auditStart = ContinuousClock.now
            audited = try auditor.auditStore(pool: store.pool)
            audit = seconds(ContinuousClock.now - auditStart)
        }
        guard let report = audited else { throw CancellationError() }
        guard report.isClean else { throw ErrorReply(code: .benchmarkAuditFailed, message: "\(report.problems.prefix(3))") }
        return [
            ("register", String(format: "%.0f", register)),
            ("append", String(format: "%.0f", append)),
            ("verify", String(format: "%.0f", verify)),
            ("audit", String(format: "%.2f", audit)),
            ("audit_leaves", "\(report.leaves)"),
        ]
    }

    /// Documents per second; blobs and time-stamps are prepared on all cores, the batch's blobs
    /// are made durable with one file-system sync, then the batch is recorded in one transaction
    /// with one checkpoint.
    static func registerDocuments(_ total: Int, vault: VaultContext, pool: DatabasePool, clock: FakeWallClock) throws -> Double {
        var template = [UInt8](repeating: 0x20, count: 100 * 1024)
        template.replaceSubrange(0..<8, with: Array("%PDF-1.7".utf8))
        let content = template
        let institution = "bench-institution"
        let key = try pool.write { db in try vault.keyring.key(for: institution, creatingIn: db) }
        let registrar = DocumentRegistrar(vault: vault)
        let batch = 200
        let start = ContinuousClock.now
        var done = 0
        while done < total {
            try Task.checkCancellation()
            let size = min(batch, total - done)
            let now = clock.now
            let first = done
            let prepared = try ParallelParts.run(size) { offset -> PreparedDocument in
                var bytes = content
                withUnsafeBytes(of: (first + offset).bigEndian) { bytes.replaceSubrange(16..<24, with: $0) }
                let input = VaultDocumentInput(institution: institution, fileName: "notice-\(first + offset).pdf", title: "Notice",
                                               keywords: ["bench"], description: "benchmark document")
                return try registrar.prepare(input, source: .bytes(bytes), key: key, now: now, durable: false)
            }
            try vault.blobs.sync()  // every blob of the batch durable before its rows commit
            try pool.write { db in
                for document in prepared { _ = try registrar.commit(document, in: db) }
                try vault.checkpoints.checkpoint(now: now, in: db)
            }
            done += size
        }
        return Double(total) / seconds(ContinuousClock.now - start)
    }

    /// Leaves per second, appended in batches of 10,000 with a checkpoint per batch.
    static func appendLeaves(_ total: Int, vault: VaultContext, pool: DatabasePool, clock: FakeWallClock) throws -> Double {
        let batch = 10_000
        let hash = SHA256.hex("bench")
        let start = ContinuousClock.now
        var done = 0
        while done < total {
            try Task.checkCancellation()
            let size = min(batch, total - done)
            let now = clock.now
            let records = (0..<size).map { offset in
                EvidenceRecord(type: .delivered, time: now, documentId: "bench-\((done + offset) % 5000)",
                               reference: "notice-\(done + offset)", contentHash: hash)
            }
            try pool.write { db in
                try EvidenceLog.append(records: records, in: db)
                try vault.checkpoints.checkpoint(now: now, in: db)
            }
            done += size
        }
        return Double(total) / seconds(ContinuousClock.now - start)
    }

    /// Certificates verified per second (full offline verification, on all cores): one
    /// registration certificate per registered document, each verified exactly once, so no
    /// figure comes from re-verifying the same bytes. (What certificates legitimately share —
    /// the TSA certificate, the signed checkpoint of their batch — is checked once and cached,
    /// as a relying party's verifier would.)
    static func verifyCertificates(_ total: Int, vault: VaultContext, pool: DatabasePool, clock: FakeWallClock) throws -> Double {
        let issuer = CertificateIssuer(vault: vault)
        let ids = try pool.read { db in try String.fetchAll(db, sql: "SELECT document_id FROM document LIMIT ?", arguments: [total]) }
        let issued = try pool.write { db in
            try ids.map { id in
                try issuer.issue(IssueCertificate(kind: .registration, documentId: id, institution: "bench-institution",
                                                  requester: "bench", purpose: "benchmark"),
                                 now: clock.now, in: db, outbox: nil)
            }
        }
        let keys = Array(vault.keys.publicKeys.values)
        let start = ContinuousClock.now
        let failures = try ParallelParts.run(issued.count) { index -> Int in
            let certificate = issued[index]
            return CertificateVerifier.verify(json: Array(certificate.json.utf8), signature: [UInt8](certificate.signature),
                                              trustedKeys: keys).isValid ? 0 : 1
        }.reduce(0, +)
        let elapsed = seconds(ContinuousClock.now - start)
        guard failures == 0 else { throw ErrorReply(code: .benchmarkVerifyFailed, message: "\(failures) certificates failed") }
        return Double(issued.count) / elapsed
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
