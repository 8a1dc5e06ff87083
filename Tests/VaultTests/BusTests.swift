import Bus
import Foundation
import GRDB
import Runtime
import Schema
import SongdalTesting
import Store
import Testing
@testable import VaultCore

/// The vault over the bus: store, access, evidence, certificates, metering to billing (VA-7, VA-8).
@Suite(.serialized) struct VaultBusTests {
    static let registry: MessageRegistry = {
        var registry = VaultService.registry
        registry.register([RecordUsage.messageType])
        return registry
    }()

    /// A fake billing that keeps every usage event it receives.
    static func billing() -> ClusterMember {
        ClusterMember(service: "billing", migrations: [Migration("usage") { db in
            try db.execute(sql: "CREATE TABLE usage (event_id TEXT PRIMARY KEY, institution TEXT, item TEXT, quantity INTEGER)")
        }], registry: registry) { env in
            env.endpoint.handle(RecordUsage.self) { message, context in
                for event in message.events {
                    try context.db.execute(sql: "INSERT OR IGNORE INTO usage VALUES (?, ?, ?, ?)",
                                           arguments: [event.eventId, event.institution, event.item.rawValue, event.quantity])
                }
            }
            return []
        }
    }

    static func usage(_ endpoint: BusEndpoint) async throws -> [String: Int64] {
        try await endpoint.store.pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT event_id, quantity FROM usage").map {
                ($0["event_id"] as String, $0["quantity"] as Int64)
            })
        }
    }

    func rejection<T>(_ body: () async throws -> T) async -> String? {
        do { _ = try await body(); return nil } catch BusError.rejected(let reply) { return reply.code.rawValue } catch { return "\(error)" }
    }

    @Test func aPackageBelongsToItsInstitution() async throws {
        let cluster = try TestCluster()
        defer { Task { await cluster.shutdown() } }
        try await cluster.start(ClusterMember(VaultService.self))
        _ = try await cluster.start(Self.billing())
        let gateway = try await cluster.start(ClusterMember(service: "gateway", registry: Self.registry) { _ in [] })
        let first = VaultDocumentInput(institution: "inst-a", fileName: "a.pdf", title: "A", keywords: [], description: "")
        let stored = try await gateway.request(StoreDocument(document: first, content: Data(VaultFixture.pdf("a1"))), timeoutMilliseconds: 5_000)
        var intruder = VaultDocumentInput(institution: "inst-b", fileName: "b.pdf", title: "B", keywords: [], description: "")
        intruder.packageId = stored.packageId
        #expect(await rejection { try await gateway.request(StoreDocument(document: intruder, content: Data(VaultFixture.pdf("b1"))),
                                                            timeoutMilliseconds: 5_000) } == "forbidden")
        var sibling = first
        sibling.packageId = stored.packageId
        let second = try await gateway.request(StoreDocument(document: sibling, content: Data(VaultFixture.pdf("a2"))), timeoutMilliseconds: 5_000)
        #expect(second.packageId == stored.packageId)
    }

    @Test func storeReadGrantEvidenceAndCertificates() async throws {
        let cluster = try TestCluster()
        defer { Task { await cluster.shutdown() } }
        try await cluster.start(ClusterMember(VaultService.self))
        let billing = try await cluster.start(Self.billing())
        let gateway = try await cluster.start(ClusterMember(service: "gateway", registry: Self.registry) { _ in [] })

        let input = VaultDocumentInput(institution: "inst-a", fileName: "tax.pdf", title: "Local tax notice", keywords: ["tax"], description: "")
        let stored = try await gateway.request(StoreDocument(document: input, content: Data(VaultFixture.pdf("bus"))), timeoutMilliseconds: 5_000)
        #expect(stored.kind == "pdf")
        var wrong = input
        wrong.fileName = "tax.hwp"
        #expect(await rejection { try await gateway.request(StoreDocument(document: wrong, content: Data(VaultFixture.pdf)), timeoutMilliseconds: 5_000) } == "kind_mismatch")

        let owner = try await gateway.request(FetchDocument(documentId: stored.documentId, reader: .institution("inst-a")))
        #expect([UInt8](owner.content) == VaultFixture.pdf("bus"))
        #expect(await rejection { try await gateway.request(FetchDocument(documentId: stored.documentId, reader: .institution("inst-b"))) } == "forbidden")
        #expect(await rejection { try await gateway.request(FetchDocument(documentId: stored.documentId, reader: .grant("guess"))) } == "forbidden")

        let grant = try await gateway.request(GrantAccess(documentId: stored.documentId, institution: "inst-a", noticeId: "notice-1",
                                                          expiresAt: cluster.clock.now.addingTimeInterval(3_600)), timeoutMilliseconds: 5_000)
        let recipient = try await gateway.request(FetchDocument(documentId: stored.documentId, reader: .grant(grant.grantId)))
        #expect(recipient.contentHash == stored.contentHash)
        cluster.clock.advance(by: 7_200)
        #expect(await rejection { try await gateway.request(FetchDocument(documentId: stored.documentId, reader: .grant(grant.grantId))) } == "forbidden")

        let sent = cluster.clock.now
        try await gateway.write { db, outbox in
            for kind in [VaultEvidence.Kind.delivered, .read, .read] {
                try outbox.send(VaultEvidence(noticeId: "notice-1", documentId: stored.documentId, kind: kind, institution: "inst-a",
                                              recipientMasked: "010-****-5678", sentAt: sent, occurredAt: sent.addingTimeInterval(60)), in: db)
            }
        }
        let delivery = try await eventuallyIssue(gateway, IssueCertificate(
            kind: .delivery, documentId: stored.documentId, institution: "inst-a", requester: "ops", purpose: "proof of delivery",
            noticeId: "notice-1"))
        let original = try await gateway.request(IssueCertificate(kind: .original, documentId: stored.documentId, institution: "inst-a",
                                                                  requester: "legal", purpose: "submission to court"), timeoutMilliseconds: 5_000)
        let verification = try await gateway.request(VerifyCertificate(serial: delivery.serial))
        #expect(verification.valid, "\(verification.problems)")
        let keys = try await gateway.request(VaultKeyHistoryQuery())
        let trusted = try keys.keys.map { try Ed25519PublicKeyLoader.load($0.publicKeyPEM) }
        let offline = CertificateVerifier.verify(json: Array(delivery.json.utf8), signature: [UInt8](delivery.signature), trustedKeys: trusted)
        #expect(offline.isValid, "\(offline.problems)")
        #expect(offline.certificate?.notice?.recipientMasked == "010-****-5678")
        #expect(offline.certificate?.notice?.readAt != nil)
        #expect(offline.certificate?.evidence.entries.count == 3)  // registration, delivered, read (the duplicate read is ignored)

        let report = try await gateway.request(VerifyVault())
        #expect(report.isClean, "\(report.problems)")
        #expect(try await eventually(timeoutSeconds: 5) {
            let usage = try await Self.usage(billing)
            return usage["vault.issuance:\(delivery.serial)"] == 1 && usage["vault.issuance:\(original.serial)"] == 1
        })
    }

    /// The evidence commands travel asynchronously; retry until the vault has them.
    func eventuallyIssue(_ gateway: BusEndpoint, _ request: IssueCertificate) async throws -> CertificateIssued {
        for _ in 0..<50 {
            do { return try await gateway.request(request, timeoutMilliseconds: 5_000) } catch BusError.rejected(let reply) where reply.code == .noDeliveryEvidence {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        return try await gateway.request(request, timeoutMilliseconds: 5_000)
    }

    @Test func dailyStorageIsMeteredToBilling() async throws {
        let cluster = try TestCluster()
        defer { Task { await cluster.shutdown() } }
        let vault = try await cluster.start(ClusterMember(VaultService.self))
        let billing = try await cluster.start(Self.billing())
        let gateway = try await cluster.start(ClusterMember(service: "gateway", registry: Self.registry) { _ in [] })
        // 1.5 MB + 5,243 bytes: 1.505 MB → 1.51 (half up); inst-b keeps 10 KB → 0.01.
        let big = VaultFixture.pdf + [UInt8](repeating: 0x20, count: 1_572_864 + 5_243 - VaultFixture.pdf.count)
        for (institution, bytes) in [("inst-a", big), ("inst-b", VaultFixture.pdf + [UInt8](repeating: 0x20, count: 10_240 - VaultFixture.pdf.count))] {
            let input = VaultDocumentInput(institution: institution, fileName: "d.pdf", title: "T", keywords: [], description: "")
            _ = try await gateway.request(StoreDocument(document: input, content: Data(bytes)), timeoutMilliseconds: 5_000)
        }
        let meter = StorageMeter(endpoint: vault, clock: cluster.clock, logger: cluster.logger)
        #expect(try await meter.tick().isEmpty)  // the day has not ended
        cluster.clock.advance(by: 2 * 86_400)
        let events = try await meter.tick()
        #expect(events.map(\.eventId) == ["vault.storage.day:inst-a:2026-11-23", "vault.storage.day:inst-b:2026-11-23",
                                          "vault.storage.day:inst-a:2026-11-24", "vault.storage.day:inst-b:2026-11-24"])
        #expect(events.map(\.quantity) == [151, 1, 151, 1])
        #expect(try await meter.tick().isEmpty)  // nothing twice
        #expect(try await eventually(timeoutSeconds: 5) { try await Self.usage(billing).count == 4 })
        #expect(StorageMeter.megabyteHundredths(1_048_576) == 100)
        #expect(StorageMeter.megabyteHundredths(5_242) == 0)  // 0.004999 MB
        #expect(StorageMeter.megabyteHundredths(5_243) == 1)  // 0.005000 MB, half up
    }
}
