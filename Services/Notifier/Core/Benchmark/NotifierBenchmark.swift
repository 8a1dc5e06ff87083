import Bus
import Foundation
import Logging
import Runtime
import Schema
import Store
import Synchronization
import ZeroMQ

/// `songdal bench notifier`: a campaign of `count` (default 1,000,000) notices through the real
/// pipeline — CSV streamed in, CIs resolved in batches of 10,000 over the bus by a synthetic
/// identity responder, zero-latency simulated carriers, fake clock inside the window — until
/// every notice is delivered and billing and the vault have received every usage and evidence
/// item (counted by sinks).
///
/// Given the `songdal-notifier` executable, the notifier runs as its own process over an ipc bus
/// and `rss` is that process's peak resident set — the per-service figure of the goal — while
/// `rss_bench` is this process's (broker, stand-ins, client). Without it (the test suite), the
/// notifier runs in this process and the only figure is `rss_whole_process`.
/// Figures: `seconds`, `rate` (notices/s), `rss` or `rss_whole_process` (peak MB), `delivered`.
public enum NotifierBenchmark {
    /// Runs one named phase of the benchmark; `songdal bench` passes one that enforces a deadline.
    public typealias Phase = @Sendable (_ name: String, _ body: () async throws -> Void) async throws -> Void

    public static func run(count: Int?, directory: URL, notifierExecutable: URL? = nil,
                           phase: Phase = { _, body in try await body() }) async throws -> [(key: String, value: String)] {
        let total = max(count ?? 1_000_000, 1)
        let work = directory.appendingPathComponent("notifier-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let csv = work.appendingPathComponent("campaign.csv")
        try await phase("write campaign") { try writeCampaign(rows: total, to: csv) }

        let calendar = try BusinessCalendar.loadDefault()
        var started: BenchCluster?
        do {
            try await phase("cluster start") {
                started = try await BenchCluster(directory: work, calendar: calendar, notifierExecutable: notifierExecutable)
            }
        } catch {
            await started?.shutdown()  // started, but past the phase's deadline
            throw error
        }
        guard let cluster = started else { throw CancellationError() }  // only a hook that skipped the phase
        var delivered = 0
        var seconds = 0.0
        var notifierRSS: Int?
        do {
            try await phase("campaign") {
                let started = ContinuousClock.now
                let campaign = try await cluster.client.request(StartCampaign(
                    institution: "bench", path: csv.path, name: "bench", title: "지방세 고지", coverText: "지방세 고지서가 도착했습니다.",
                    documentId: "doc-bench"), timeoutMilliseconds: 60_000)
                while true {
                    let progress = try await cluster.client.request(
                        CampaignProgressQuery(campaignId: campaign.campaignId, institution: "bench", badRowLimit: 0), timeoutMilliseconds: 30_000)
                    delivered = progress.count(.delivered)
                    let sinks = cluster.counts
                    if delivered + progress.count(.failed) + progress.count(.unreachable) >= total, sinks.usage >= delivered, sinks.evidence >= delivered {
                        break
                    }
                    try cluster.checkNotifierAlive()
                    try await Task.sleep(for: .milliseconds(100))
                }
                let elapsed = ContinuousClock.now - started
                seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                notifierRSS = cluster.notifierPeakRSSMegabytes()
            }
        } catch {
            await cluster.shutdown()
            throw error
        }
        try await phase("cluster shutdown") { await cluster.shutdown() }
        let memory: [(key: String, value: String)] = if let notifierRSS {
            [("rss", String(notifierRSS)), ("rss_bench", String(peakRSSMegabytes()))]
        } else {
            [("rss_whole_process", String(peakRSSMegabytes()))]
        }
        return [
            ("seconds", String(format: "%.1f", seconds)),
            ("rate", String(Int(Double(delivered) / max(seconds, 1e-9)))),
        ] + memory + [("delivered", String(delivered))]
    }

    /// `ci` rows of syntactically valid CIs, written in chunks.
    static func writeCampaign(rows: Int, to url: URL) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = "ci\n"
        for n in 0..<rows {
            var bytes = [UInt8](repeating: 0x5a, count: 64)
            for index in 0..<8 { bytes[index] = UInt8((n >> (8 * index)) & 0xff) }
            buffer += Data(bytes).base64EncodedString()
            buffer += "\n"
            if buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer = ""
            }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
    }

    /// Peak resident set (VmHWM) of a live process (this one by default) in MB.
    static func peakRSSMegabytes(of process: String = "self") -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return -1 }
        return kilobytes / 1024
    }
}
