import Bus
import Foundation
import IdentityCore
import Schema
import SongdalTesting
import Testing

@Suite("Identity over the bus", .serialized)
struct IdentityBusTests {
    @Test("import, resolve and batch resolve over the bus; each release is ledgered to the notifier for its notice")
    func resolveAndLedger() async throws {
        let cluster = try TestCluster()
        defer { Task { await cluster.shutdown() } }
        try await cluster.start(identityMember(capture: LogCapture()))
        let client = try await cluster.start(notifierMember)
        let report = try await importOverBus(client, try syncFile(cluster, [
            row(ci(1), "KT", "010-1000-0001"), row(ci(2), "SKT", "010-1000-0002", host: "SKT"), row(ci(3), "LGU", "010-1000-0003"),
        ]))
        #expect(report.inserted == 3)
        let single = try await client.request(ResolveCI(ci: ci(1), institution: "bank", noticeId: "N-1"))
        #expect(single == .line(ResolvedLine(carrier: .kt, phone: "01010000001")))
        let batch = try await client.request(ResolveBatch(cis: [ci(1), ci(2), ci(3), ci(4)], noticeIds: ["B-1", "B-2", "B-3", "B-4"], institution: "bank"))
        #expect(batch.results == [.line(ResolvedLine(carrier: .kt, phone: "01010000001")), .unreachable(.mvnoOnSKT),
                                  .line(ResolvedLine(carrier: .lgu, phone: "01010000003")), .unreachable(.noSubscriber)])
        let ledger = try await client.request(ListDisclosures(ci: ci(1))).entries
        #expect(ledger.map(\.reference) == ["N-1", "B-1"])
        #expect(ledger.allSatisfy { $0.recipient == "notifier" && $0.legalBasis == .notice && $0.outcome == .released })
        #expect(ledger.first?.fields == [.carrier, .phone])
        #expect(try await client.request(ListDisclosures(ci: ci(2))).entries.isEmpty)   // nothing released
    }

    @Test("a number change over the bus is visible to the next resolve")
    func numberChangeOverBus() async throws {
        let cluster = try TestCluster()
        defer { Task { await cluster.shutdown() } }
        try await cluster.start(identityMember(capture: LogCapture()))
        let client = try await cluster.start(notifierMember)
        _ = try await importOverBus(client, try syncFile(cluster, [row(ci(1), "KT", "010-1000-0001")]))
        let updated = try await client.request(ChangeNumber(ci: ci(1), oldPhone: "01010000001", newPhone: "010-1777-0007", effectiveAt: cluster.clock.now))
        #expect(updated.changed)
        #expect(try await client.request(ResolveCI(ci: ci(1), institution: "bank", noticeId: "N-2")).line?.phone == "01017770007")
    }

    @Test("bad input gets typed errors and the service keeps serving")
    func badInput() async throws {
        let cluster = try TestCluster()
        defer { Task { await cluster.shutdown() } }
        let identity = try await cluster.start(identityMember(capture: LogCapture()))
        let client = try await cluster.start(notifierMember)
        struct Unknown: BusRequest {
            typealias Reply = LineUpdated
            static let messageType = MessageType.command("identity.nothing", handledBy: "identity")
        }
        struct WrongTypes: BusRequest {
            typealias Reply = Resolution
            static let messageType = ResolveCI.messageType
            let ci: Int
            let institution: [String]
        }
        func code(_ body: () async throws -> Void) async -> String? {
            do { try await body(); return nil } catch let BusError.rejected(reply) { return reply.code.rawValue } catch { return "\(error)" }
        }
        #expect(await code { _ = try await client.request(Unknown()) } == "unknown_message_type")
        #expect(await code { _ = try await client.request(WrongTypes(ci: 5, institution: [])) } == "malformed_payload")
        let short = String(ci(1).dropLast())
        #expect(short.count == 87)
        #expect(await code { _ = try await client.request(ResolveCI(ci: short, institution: "bank", noticeId: "N")) } == "invalid_ci")
        #expect(await code { _ = try await client.request(ResolveBatch(cis: [ci(1), short], noticeIds: ["a", "b"], institution: "bank")) } == "invalid_ci")
        #expect(await code { _ = try await client.request(ResolveBatch(cis: [ci(1)], noticeIds: [], institution: "bank")) } == "count_mismatch")
        #expect(await code { _ = try await client.request(ChangeNumber(ci: short, oldPhone: "01010000001", newPhone: "01010000002", effectiveAt: cluster.clock.now)) } == "invalid_ci")
        #expect(await code { _ = try await client.request(ImportDirectoryFile(path: "relative.csv")) } == "invalid_path")
        #expect(try await client.request(ResolveCI(ci: ci(1), institution: "bank", noticeId: "N")) == .unreachable(.noSubscriber))
        #expect(identity.statistics.refused >= 6)
        #expect(identity.statistics.deadLettered == 0)
    }
}
