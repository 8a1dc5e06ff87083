import Bus
import Foundation
import IdentityCore
import Schema
import SongdalTesting
import Testing

@Suite("ID-6 consent and disclosure ledger", .serialized)
struct DisclosureTests {
    private func refusal(_ body: () async throws -> Void) async -> String? {
        do { try await body(); return nil } catch let BusError.rejected(reply) { return reply.code.rawValue } catch { return "\(error)" }
    }

    @Test("a third-party release without consent is refused and recorded; with consent released; after withdrawal refused")
    func thirdParty() async throws {
        let cluster = try TestCluster()
        defer { Task { await cluster.shutdown() } }
        try await cluster.start(identityMember(capture: LogCapture()))
        let client = try await cluster.start(notifierMember)
        _ = try await importOverBus(client, try syncFile(cluster, [row(ci(1), "KT", "010-1000-0001")]))
        let ask = DiscloseToThirdParty(ci: ci(1), thirdParty: "insurer", purpose: "claim", fields: [.phone])
        #expect(await refusal { _ = try await client.request(ask) } == "no_consent")
        let consent = try await client.request(GiveConsent(ci: ci(1), thirdParty: "insurer", purpose: "claim", fields: [.phone, .carrier]))
        let released = try await client.request(ask)
        #expect(released.lines == [Disclosure.Line(carrier: nil, phone: "01010000001")])
        _ = try await client.request(WithdrawConsent(consentId: consent.consentId))
        #expect(await refusal { _ = try await client.request(ask) } == "no_consent")
        let ledger = try await client.request(ListDisclosures(ci: ci(1))).entries
        #expect(ledger.map(\.outcome) == [.refused, .released, .refused])
        #expect(ledger.map(\.refusal) == ["no_consent", nil, "no_consent"])
        #expect(ledger[1].reference == consent.consentId)
        #expect(ledger.allSatisfy { $0.recipient == "insurer" && $0.legalBasis == .consent && $0.fields == [.phone] })
    }

    @Test("lawful access: no warrant → refused; approval by the same operator → refused; by a second operator → released; all recorded")
    func lawfulAccess() async throws {
        let cluster = try TestCluster()
        defer { Task { await cluster.shutdown() } }
        try await cluster.start(identityMember(capture: LogCapture()))
        let client = try await cluster.start(notifierMember)
        _ = try await importOverBus(client, try syncFile(cluster, [row(ci(1), "KT", "010-1000-0001"), row(ci(1), "SKT", "010-1000-0002", kind: "corporate")]))
        let noWarrant = FileLawfulAccess(ci: ci(1), authority: "police", warrantReference: " ", purpose: "investigation",
                                         fields: [.phone, .carrier], operatorId: "op-a")
        #expect(await refusal { _ = try await client.request(noWarrant) } == "warrant_required")
        var filing = noWarrant
        filing.warrantReference = "2026-영-1234"
        let filed = try await client.request(filing)
        #expect(await refusal { _ = try await client.request(ApproveLawfulAccess(requestId: filed.requestId, operatorId: "op-a")) } == "same_operator")
        let released = try await client.request(ApproveLawfulAccess(requestId: filed.requestId, operatorId: "op-b"))
        #expect(Set(released.lines) == [Disclosure.Line(carrier: .kt, phone: "01010000001"), Disclosure.Line(carrier: .skt, phone: "01010000002")])
        #expect(await refusal { _ = try await client.request(ApproveLawfulAccess(requestId: filed.requestId, operatorId: "op-c")) } == "already_released")
        let ledger = try await client.request(ListDisclosures(ci: ci(1))).entries
        #expect(ledger.map(\.outcome) == [.refused, .refused, .released, .refused])
        #expect(ledger.map(\.refusal) == ["warrant_required", "same_operator", nil, "already_released"])
        #expect(ledger[2].operators == ["op-a", "op-b"])
        #expect(ledger[2].reference.contains("2026-영-1234"))
        #expect(ledger.allSatisfy { $0.legalBasis == .lawfulAccess && $0.recipient == "police" })
    }
}
