import Bus
import Foundation
@testable import NotifierCore
import Schema
import SongdalTesting
import Testing

/// NO-7 and NO-8: streamed CSV, bad rows by line, progress, pause/resume/cancel, restarts.
@Suite(.serialized) struct CampaignTests {
    func write(_ text: String, in harness: Harness) throws -> String {
        let url = harness.cluster.directory.appendingPathComponent("campaign-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func start(_ harness: Harness, path: String) async throws -> String {
        try await harness.client.request(StartCampaign(institution: "kb", path: path, name: "지방세", title: "재산세 고지",
                                                       coverText: "재산세 고지서입니다.", documentId: "doc-1")).campaignId
    }

    func progressOf(_ harness: Harness, _ id: String) async throws -> CampaignProgress {
        try await harness.client.request(CampaignProgressQuery(campaignId: id, institution: "kb"))
    }

    @Test func badRowsAreReportedByLineAndGoodRowsGo() async throws {
        let harness = try await Harness.start()
        harness.peers.state.withLock { $0.lines[testCI(1)] = .line(ResolvedLine(carrier: .skt, phone: "01020000001")) }
        let csv = """
            ci,phone,reference
            \(testCI(1)),,r1
            ,010-2000-0002,r2
            ,010-2000-0003",r3
            \(testCI(9).dropLast(2)),,r4
            ,010-2000-0005,r5
            \(testCI(6)),,r6

            """
        let id = try await start(harness, path: try write(csv, in: harness))
        _ = try await eventually {
            let progress = try await progressOf(harness, id)
            return progress.state == .completed && progress.count(.delivered) == 3 && progress.count(.unreachable) == 1
        }
        let progress = try await progressOf(harness, id)
        #expect(progress.rowsRead == 6)
        #expect(progress.accepted == 4)
        #expect(progress.badRows.map(\.line) == [4, 5])
        #expect(progress.badRows.map(\.code) == [.csvMalformed, .invalidCI])
        #expect(progress.count(.delivered) == 3)
        #expect(progress.count(.unreachable) == 1)
        #expect(try await harness.inbox("01020000001").count == 1)
        #expect(try await harness.inbox("01020000005").count == 1)
        await harness.shutdown()
    }

    @Test func headerWithoutRecipientColumnFails() async throws {
        let harness = try await Harness.start()
        let id = try await start(harness, path: try write("name,amount\nx,1\n", in: harness))
        _ = try await eventually { try await progressOf(harness, id).state == .failed }
        let progress = try await progressOf(harness, id)
        #expect(progress.error?.code == .csvMalformed)
        #expect(progress.error?.line == 1)
        await harness.shutdown()
    }

    @Test func pauseResumeCancel() async throws {
        let harness = try await Harness.start(at: kst("2026-11-23", 18, 30))
        var csv = "phone\n"
        for n in 0..<50 { csv += "010-4000-\(String(format: "%04d", n))\n" }
        let id = try await start(harness, path: try write(csv, in: harness))
        _ = try await eventually { try await progressOf(harness, id).count(.scheduled) == 50 }
        let paused = try await harness.client.request(ControlCampaign(campaignId: id, institution: "kb", action: .pause))
        #expect(paused.state == .paused)
        harness.cluster.clock.set(kst("2026-11-24", 10))
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await progressOf(harness, id).count(.delivered) == 0)
        _ = try await harness.client.request(ControlCampaign(campaignId: id, institution: "kb", action: .resume))
        _ = try await eventually { try await progressOf(harness, id).count(.delivered) == 50 }
        #expect(try await progressOf(harness, id).count(.delivered) == 50)
        let cancelled = try await harness.client.request(ControlCampaign(campaignId: id, institution: "kb", action: .cancel))
        #expect(cancelled.state == .cancelled)
        do {
            _ = try await harness.client.request(ControlCampaign(campaignId: id, institution: "kb", action: .resume))
            Issue.record("resumed a cancelled campaign")
        } catch BusError.rejected(let reply) {
            #expect(reply.code == .campaignFinished)
        }
        await harness.shutdown()
    }

    /// 10,000 rows; the notifier and identity are restarted while it runs. Every reachable person
    /// gets exactly one message; the unreachable ones end `unreachable`; billing sees each once.
    @Test func restartsDuringATenThousandCampaign() async throws {
        let harness = try await Harness.start(settings: ["sim-record-limit": "20000", "send-batch": "500", "campaign-batch": "1000",
                                                         "resolve-batch": "500"])
        let count = 10_000
        var csv = "ci\n"
        harness.peers.state.withLock { state in
            for n in 0..<count where n % 10 != 0 {
                state.lines[testCI(n)] = .line(ResolvedLine(carrier: Carrier.allCases[n % 3], phone: String(format: "0101%07d", n)))
            }
        }
        for n in 0..<count { csv += testCI(n) + "\n" }
        let id = try await start(harness, path: try write(csv, in: harness))
        _ = try await eventually { try await progressOf(harness, id).count(.delivered) > 500 }
        try await harness.cluster.restart(service: "notifier")
        _ = try await eventually { try await progressOf(harness, id).count(.delivered) > 3_000 }
        await harness.cluster.stop(service: "identity")
        try await Task.sleep(for: .milliseconds(500))
        try await harness.cluster.start(harness.peers.identity)
        _ = try await eventually { try await progressOf(harness, id).count(.delivered) > 6_000 }
        try await harness.cluster.restart(service: "notifier")
        let done = try await eventually(timeoutSeconds: 120) {
            let progress = try await progressOf(harness, id)
            return progress.count(.delivered) == 9_000 && progress.count(.unreachable) == 1_000
        }
        #expect(done)
        let records = harness.network.allRecords
        let perPhone = Dictionary(grouping: records, by: \.phone).mapValues(\.count)
        #expect(perPhone.count == 9_000)
        #expect(perPhone.values.allSatisfy { $0 == 1 })
        let progress = try await progressOf(harness, id)
        #expect(progress.accepted == count)
        #expect(progress.count(.sending) == 0 && progress.count(.scheduled) == 0 && progress.count(.accepted) == 0)
        _ = try await eventually { harness.peers.state.withLock { $0.usage.count } == 9_000 }
        #expect(harness.peers.state.withLock { $0.usage.values.allSatisfy { $0 == 1 } })
        let counts = harness.network.counts
        print("restart test: provider submissions \(counts.submissions), re-sends absorbed by reference \(counts.duplicates)")
        await harness.shutdown()
    }
}
