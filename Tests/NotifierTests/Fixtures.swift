import Bus
import Foundation
import GRDB
@testable import NotifierCore
import Runtime
import Schema
import SongdalTesting
import Store
import Synchronization

/// What the fake identity, vault and billing saw and answer.
final class FakePeers: Sendable {
    struct State {
        var lines: [String: Resolution] = [:]
        var documents: Set<String> = ["doc-1"]
        var usage: [String: Int] = [:]
        var evidence: [String: Int] = [:]
        /// `noticeId:kind` of evidence items that came marked sandbox.
        var sandboxEvidence: Set<String> = []
        var grants = 0
        var resolveCalls = 0
    }

    let state = Mutex(State())

    func usageCount(_ eventId: String) -> Int { state.withLock { $0.usage[eventId] ?? 0 } }
    func evidenceCount(_ noticeId: String, _ kind: VaultEvidence.Kind) -> Int { state.withLock { $0.evidence["\(noticeId):\(kind.rawValue)"] ?? 0 } }
    func evidenceIsSandbox(_ noticeId: String, _ kind: VaultEvidence.Kind) -> Bool {
        state.withLock { $0.sandboxEvidence.contains("\(noticeId):\(kind.rawValue)") }
    }
    /// Every usage event id billing received.
    var usageEventIds: Set<String> { state.withLock { Set($0.usage.keys) } }

    var identity: ClusterMember {
        ClusterMember(service: "identity", registry: MessageRegistry(IdentityContract.messageTypes)) { env in
            env.endpoint.answer(ResolveBatch.self) { request, _ in
                self.state.withLock { state in
                    state.resolveCalls += 1
                    return ResolveBatchReply(results: request.cis.map { state.lines[$0] ?? .unreachable(.noSubscriber) })
                }
            }
            return []
        }
    }

    var vault: ClusterMember {
        ClusterMember(service: "vault", registry: MessageRegistry([
            DocumentMetadataQuery.messageType, DocumentMetadata.messageType, GrantAccess.messageType, AccessGranted.messageType,
            VaultEvidence.messageType, VaultEvidenceBatch.messageType,
        ])) { env in
            env.endpoint.answer(DocumentMetadataQuery.self) { query, context in
                guard self.state.withLock({ $0.documents.contains(query.documentId) }) else {
                    throw ErrorReply(code: .forbidden, message: "no access", field: "documentId")
                }
                return DocumentMetadata(documentId: query.documentId, packageId: "p", institution: query.reader.institution ?? "",
                                        fileName: "a.pdf", kind: "pdf", title: "t", keywords: [], description: "", size: 1,
                                        contentHash: "00", registeredAt: context.now, retentionUntil: context.now, legalHold: false, destroyedAt: nil)
            }
            env.endpoint.handle(GrantAccess.self, reply: { request, _ in
                self.state.withLock { $0.grants += 1 }
                return AccessGranted(grantId: "grant-\(UUID().uuidString)", documentId: request.documentId, expiresAt: request.expiresAt)
            })
            env.endpoint.handle(VaultEvidenceBatch.self) { batch, _ in
                self.state.withLock { state in
                    for item in batch.items {
                        state.evidence["\(item.noticeId):\(item.kind.rawValue)", default: 0] += 1
                        if item.sandbox { state.sandboxEvidence.insert("\(item.noticeId):\(item.kind.rawValue)") }
                    }
                }
            }
            return []
        }
    }

    var billing: ClusterMember {
        ClusterMember(service: "billing", registry: MessageRegistry([RecordUsage.messageType])) { env in
            env.endpoint.handle(RecordUsage.self) { record, _ in
                self.state.withLock { state in
                    for event in record.events { state.usage[event.eventId, default: 0] += 1 }
                }
            }
            return []
        }
    }
}

/// A running cluster: notifier, fake identity/vault/billing, and a "gateway" client.
struct Harness {
    let cluster: TestCluster
    let peers: FakePeers
    let client: BusEndpoint
    let networkName: String

    static let gatewayRegistry = MessageRegistry(NotifierContract.messageTypes + [
        FetchDocument.messageType, DocumentContent.messageType,
    ])

    static func start(settings: [String: String] = [:], at start: Date? = nil) async throws -> Harness {
        let network = "test-\(UUID().uuidString)"
        var all = ["sim-network": network, "poll-milliseconds": "5", "link-base": "https://s.kr/r/", "retry-seconds": "60"]
        all.merge(settings) { _, new in new }
        let normalized = Dictionary(all.map { (ServiceConfiguration.normalizedSettingKey($0.key), $0.value) }) { _, last in last }
        let cluster = try TestCluster(start: start ?? Date(timeIntervalSince1970: 1_795_399_200), settings: normalized)
        let peers = FakePeers()
        try await cluster.start(peers.identity)
        try await cluster.start(peers.vault)
        try await cluster.start(peers.billing)
        try await cluster.start(ClusterMember(NotifierService.self))
        let client = try await cluster.start(ClusterMember(service: "gateway", registry: gatewayRegistry) { _ in [] })
        return Harness(cluster: cluster, peers: peers, client: client, networkName: network)
    }

    var network: SimulatedNetwork { SimulatedNetwork.named(networkName) }

    func submit(phone: String? = "010-1234-5678", ci: String? = nil, title: String = "세금 안내", cover: String = "지방세 고지서가 도착했습니다.",
                document: String = "doc-1", deadline: Date? = nil, channel: ChannelPreference = .rcs, template: String? = nil,
                key: String? = nil) async throws -> NoticeAccepted {
        try await client.request(SubmitNotice(institution: "kb", ci: ci, phone: ci == nil ? phone : nil, title: title, coverText: cover,
                                              documentId: document, readDeadline: deadline, channel: channel, kakaoTemplateCode: template,
                                              idempotencyKey: key))
    }

    func status(_ id: String) async throws -> NoticeStatus {
        try await client.request(NoticeStatusQuery(noticeId: id, institution: "kb"))
    }

    /// Waits until the notice is in `state`; returns its status.
    @discardableResult
    func wait(_ id: String, for state: NoticeState, seconds: Double = 20) async throws -> NoticeStatus {
        _ = try await eventually(timeoutSeconds: seconds) { try await self.status(id).state == state }
        return try await status(id)
    }

    func inbox(_ phone: String) async throws -> [CarrierMessage] {
        try await client.request(CarrierInboxQuery(phone: phone, limit: 100)).messages
    }

    func shutdown() async { await cluster.shutdown() }
}

/// A syntactically valid CI numbered `n` (64 bytes, base64).
func testCI(_ n: Int) -> String {
    var bytes = [UInt8](repeating: 7, count: 64)
    for index in 0..<8 { bytes[index] = UInt8((n >> (8 * index)) & 0xff) }
    return Data(bytes).base64EncodedString()
}

func kst(_ date: String, _ hour: Int, _ minute: Int = 0, _ second: Int = 0) -> Date {
    KST.instant(LocalDate(date)!, hour: hour, minute: minute, second: second)
}

/// The token at the end of a recipient link.
func token(of link: String?) -> String { link.map { String($0.split(separator: "/").last ?? "") } ?? "" }

/// The OTP code the simulated carrier delivered to `phone` last.
func otpCode(_ harness: Harness, phone: String) async throws -> String {
    for _ in 0..<500 {
        if let text = try await harness.inbox(phone).first(where: { $0.text.contains("인증번호") })?.text,
           let code = text.split(separator: " ").first(where: { $0.count == 6 && $0.allSatisfy(\.isNumber) }) {
            return String(code)
        }
        try await Task.sleep(for: .milliseconds(20))
    }
    return ""
}
