import BillingCore
import Bus
import Foundation
import GatewayCore
import IdentityCore
import NotifierCore
import ReminderCore
import Schema
import SongdalCrypto
import SongdalTesting
import Testing
import VaultCore

/// The whole platform in one process — identity, vault, notifier, billing, reminder and the
/// gateway on a live loopback port — brought to the point where a recipient holds a link: an
/// institution with a key and a subscription, a loaded directory, an uploaded PDF, a notice
/// submitted over HTTP and its message read from the simulated carrier. Every step is asserted.
final class PlatformFixture: Sendable {
    static let institution = "inst-system-walk"
    static let title = "2026년 11월 자동차세 고지"
    static let coverText = "자동차세 납부 안내입니다. 납부 기한은 11월 30일입니다."

    let cluster: TestCluster
    let gateway: GatewayHandle
    /// A bus member standing for the operator's tooling (subscriptions, directory import, carrier inbox).
    let bus: BusEndpoint
    let http: HTTPClient
    let operatorKey: String
    let institutionKey: String
    let pdf: [UInt8]
    let documentId: String
    let noticeId: String
    /// The recipient link exactly as the carrier delivered it, and its token.
    let link: String
    let token: String

    /// Starts everything and walks up to the delivered link. `tag` keeps the simulated carrier
    /// network of each test apart.
    static func start(tag: String) async throws -> PlatformFixture {
        let port = try FreePort.find()
        let settings = [
            "gateway_host": "127.0.0.1", "gateway_port": "\(port)",
            "link_base": "http://127.0.0.1:\(port)/r/",
            "sim_network": "system-\(tag)-\(UUID().uuidString)",
        ]
        let cluster = try TestCluster(settings: settings)
        do {
            return try await PlatformFixture(cluster: cluster, port: port)
        } catch {
            await cluster.shutdown()
            throw error
        }
    }

    private init(cluster: TestCluster, port: Int) async throws {
        self.cluster = cluster
        for service in [IdentityService.self, VaultService.self, BillingService.self, NotifierService.self,
                        ReminderService.self] as [any ServiceDefinition.Type] {
            try await cluster.start(ClusterMember(service))
        }
        gateway = GatewayHandle()
        try await cluster.start(ClusterMember(service: GatewayService.name, migrations: GatewayService.migrations,
                                              registry: GatewayService.registry, build: gateway.build))
        bus = try await cluster.start(Self.operatorTooling())
        let bound = try await gateway.port()
        try #require(bound == port, "the gateway must listen where the notifier's links point")
        http = HTTPClient(host: "127.0.0.1", port: port)

        // Keys: an operator key seeded on the gateway's store, the institution's issued over HTTP.
        operatorKey = try gateway.createKey(institution: nil, scope: .operator, label: "system-test operator")
        // The gateway issues institution keys only for institutions it knows; billing is subscribed below.
        try gateway.registerInstitution(Self.institution)
        let created = try await http.postJSON("/v1/keys", ["scope": "institution", "institution": Self.institution, "label": "walk"],
                                              key: operatorKey)
        try #require(created.status == 201, "POST /v1/keys: \(created)")
        institutionKey = try #require(created.json["key"] as? String)
        #expect(created.json["institution"] as? String == Self.institution)

        // Billing refuses usage of an institution without a subscription.
        let subscribed = try await bus.request(UpsertSubscription(institution: Self.institution, plan: .basic, joinedOn: "2026-11-01"),
                                               timeoutMilliseconds: 10_000)
        #expect(subscribed.subscription.institution == Self.institution)

        try await Self.loadDirectory(bus: bus, folder: cluster.directory)

        // Upload the PDF.
        pdf = TestPDF.make(text: "Songdal system test notice")
        let query = "fileName=\(HTTPClient.queryEncode("자동차세-고지서.pdf"))&title=\(HTTPClient.queryEncode(Self.title))"
        let uploaded = try await http.send(.post, "/v1/documents?\(query)", key: institutionKey, body: pdf,
                                           headers: ["Content-Type": "application/pdf"])
        try #require(uploaded.status == 201, "POST /v1/documents: \(uploaded)")
        documentId = try #require(uploaded.json["documentId"] as? String)
        #expect(uploaded.json["size"] as? Int == pdf.count)
        #expect(uploaded.json["contentHash"] as? String == Hex.encode(SHA256.hash(pdf)))
        #expect(uploaded.header("Location") == "/v1/documents/\(documentId)")

        noticeId = try await Self.submitNotice(http: http, key: institutionKey, documentId: documentId)
        (link, token) = try await Self.receiveLink(bus: bus, noticeId: noticeId, port: port)
    }

    /// Loads the directory through identity's import command, as `songdal identity import` does.
    private static func loadDirectory(bus: BusEndpoint, folder: URL) async throws {
        let file = folder.appendingPathComponent("directory.csv")
        let rows = try TestDirectory.write(to: file)
        let job = try await bus.request(ImportDirectoryFile(path: file.path), timeoutMilliseconds: 10_000)
        let finished = try await eventually(timeoutSeconds: 30, pollMilliseconds: 50) {
            let report = try await bus.request(ImportStatus(jobId: job.jobId), timeoutMilliseconds: 5_000)
            return report.state == .finished || report.state == .failed
        }
        try #require(finished, "the directory import did not finish")
        let report = try await bus.request(ImportStatus(jobId: job.jobId), timeoutMilliseconds: 5_000)
        #expect(report.state == .finished)
        #expect(report.rowsRead == rows)
        #expect(report.inserted == rows)
        #expect(report.rejected == 0)
    }

    /// `POST /v1/notices` with an `Idempotency-Key`; a replay answers the same notice.
    private static func submitNotice(http: HTTPClient, key: String, documentId: String) async throws -> String {
        let body: [String: Any] = ["ci": TestDirectory.ci, "title": title, "coverText": coverText, "documentId": documentId]
        let idempotency = "walk-\(UUID().uuidString)"
        let submitted = try await http.postJSON("/v1/notices", body, key: key, headers: ["Idempotency-Key": idempotency])
        try #require(submitted.status == 202, "POST /v1/notices: \(submitted)")
        let noticeId = try #require(submitted.json["noticeId"] as? String)
        #expect(submitted.json["replayed"] as? Bool == false)
        #expect(submitted.header("Location") == "/v1/notices/\(noticeId)")
        let replay = try await http.postJSON("/v1/notices", body, key: key, headers: ["Idempotency-Key": idempotency])
        #expect(replay.status == 200, "a replay with the same key: \(replay)")
        #expect(replay.json["noticeId"] as? String == noticeId)
        #expect(replay.json["replayed"] as? Bool == true)
        return noticeId
    }

    /// Waits for the simulated carrier to hand the recipient the notice's message; its link must
    /// point at this gateway's `/r/`.
    private static func receiveLink(bus: BusEndpoint, noticeId: String, port: Int) async throws -> (String, String) {
        let message = try await waitForMessage(bus: bus, timeoutSeconds: 30) { $0.reference == noticeId && $0.link != nil }
        #expect(message.phone == TestDirectory.phoneDigits)
        #expect(message.text.contains(title) || message.subject?.contains(title) == true, "the message names the notice: \(message.text)")
        let link = try #require(message.link)
        let base = "http://127.0.0.1:\(port)/r/"
        try #require(link.hasPrefix(base), "link \(link) is not on the gateway")
        #expect(message.text.contains(link))
        return (link, String(link.dropFirst(base.count)))
    }

    /// The first message in the recipient's simulated inbox that matches.
    static func waitForMessage(bus: BusEndpoint, timeoutSeconds: Double,
                               _ matches: @escaping @Sendable (CarrierMessage) -> Bool) async throws -> CarrierMessage {
        let found = try await eventually(timeoutSeconds: timeoutSeconds, pollMilliseconds: 50) {
            try await bus.request(CarrierInboxQuery(phone: TestDirectory.phone), timeoutMilliseconds: 5_000).messages.contains(where: matches)
        }
        try #require(found, "no matching message reached \(TestDirectory.phone)'s simulated inbox")
        let inbox = try await bus.request(CarrierInboxQuery(phone: TestDirectory.phone), timeoutMilliseconds: 5_000)
        return try #require(inbox.messages.first(where: matches))
    }

    /// The OTP code of the newest code message not in `seen` (references of earlier messages).
    func otpCode(notAmong seen: Set<String>) async throws -> String {
        let message = try await Self.waitForMessage(bus: bus, timeoutSeconds: 30) { $0.text.contains("인증번호") && !seen.contains($0.reference) }
        #expect(message.link == nil, "an OTP message carries no link")
        let digits = message.text.split(whereSeparator: { !$0.isNumber }).first { $0.count == 6 }
        return String(try #require(digits, "no 6-digit code in the OTP message"))
    }

    /// References of the messages the recipient already has.
    func inboxReferences() async throws -> Set<String> {
        Set(try await bus.request(CarrierInboxQuery(phone: TestDirectory.phone, limit: 1_000), timeoutMilliseconds: 5_000)
            .messages.map(\.reference))
    }

    /// `GET /v1/notices/{id}` as the institution.
    func noticeState() async throws -> String? {
        try await http.get("/v1/notices/\(noticeId)", key: institutionKey).json["state"] as? String
    }

    func shutdown() async { await cluster.shutdown() }

    /// The operator's tooling on the bus: no handlers, it only asks.
    private static func operatorTooling() -> ClusterMember {
        ClusterMember(service: "system-test", registry: MessageRegistry([
            UpsertSubscription.messageType, SubscriptionStored.messageType, ImportDirectoryFile.messageType,
            ImportAccepted.messageType, ImportStatus.messageType, ImportReport.messageType,
            CarrierInboxQuery.messageType, CarrierInbox.messageType,
        ])) { _ in [] }
    }
}
