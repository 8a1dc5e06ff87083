import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `songdal up` with the real executables (issue 9): separate processes on loopback tcp with
/// CURVE, the demo walk against them, a killed service restarted mid-campaign, a clean stop.
@Suite(.serialized)
struct UpLifecycleTests {
    static let children = ["bus", "identity", "vault", "notifier", "billing", "reminder", "gateway"]

    @Test func demoWalkThenSigtermStopsEveryChildCleanly() async throws {
        let platform = try PlatformProcess()
        _ = try await platform.state()
        #expect(try await platform.waitUntilStarted(Self.children), "not every child started: \(platform.consoleOutput)")

        let demo = try await platform.songdal(["demo", "--home", platform.home.path])
        #expect(demo.status == 0, "demo failed:\n\(demo.output)")
        for step in ["1  institution", "3  document", "4  notice", "5  delivered", "6  carrier", "7  recipient",
                     "9  recipient     viewed the document", "10 status        read", "11 certificate", "12 invoice",
                     "done: every step checked."] {
            #expect(demo.output.contains(step), "missing step \(step) in:\n\(demo.output)")
        }

        let status = try await platform.stop()
        #expect(status == 0)
        let upLog = platform.log("up")
        for child in Self.children {
            #expect(upLog.contains("msg=\"child stopped\" child=\(child) status=0"), "\(child) did not stop cleanly:\n\(upLog)")
            #expect(platform.log(child).split(separator: "\n").count > 1, "\(child).log has no lines")
        }
        #expect(!upLog.contains("ignored SIGTERM"))
        #expect(!upLog.contains("restarting"), "a child died during the walk:\n\(upLog)")
    }

    @Test func killedNotifierIsRestartedAndTheCampaignReachesEveryoneExactlyOnce() async throws {
        let platform = try PlatformProcess(arguments: ["--set", "gateway:rate-limit-per-second=5000", "--set", "gateway:rate-limit-burst=5000"])
        _ = try await platform.state()
        #expect(try await platform.waitUntilStarted(Self.children), "not every child started: \(platform.consoleOutput)")
        let notifier = platform.childPIDs("notifier")
        try #require(notifier.count == 1)

        let campaign = try await platform.songdal([
            "demo", "--home", platform.home.path, "--campaign", "10000", "--during-campaign", "kill -9 \(notifier[0])",
        ])
        #expect(campaign.status == 0, "campaign failed:\n\(campaign.output)")
        #expect(campaign.output.contains("during campaign: kill -9 \(notifier[0])"))
        #expect(campaign.output.contains("exactly once: each of the 10000 people has exactly one message"))
        let restarted = platform.childPIDs("notifier")
        #expect(restarted.count == 1 && restarted != notifier)
        #expect(platform.log("up").contains("msg=\"child exited; restarting\" child=notifier"))
        #expect(try await platform.stop() == 0)
    }
}

/// Polls `condition` every 100 ms until it holds or `seconds` pass.
func waitUntil(seconds: Double, _ condition: () throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        try await Task.sleep(for: .milliseconds(100))
    }
    return try condition()
}
