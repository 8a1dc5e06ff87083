import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `songdal up` with the real executables: separate processes on loopback tcp with CURVE, started
/// from a folder outside the repository, on clocks in the past and the future; the demo walk
/// against them; a supervisor that tells the truth about its children (issue 17).
@Suite(.serialized)
struct UpLifecycleTests {
    static let children = ["bus", "identity", "vault", "notifier", "billing", "reminder", "gateway"]
    static let walkSteps = [
        "1  institution", "3  document", "4  notice", "5  delivered", "6  carrier", "7  recipient",
        "9  recipient     viewed the document", "10 status        read", "11 certificate", "12 invoice",
        "done: every step checked",
    ]

    /// Starts a platform on `clock`, waits until `up` says it is ready, and runs the demo walk
    /// (with the live key unless `demoArguments` say otherwise).
    private func walk(clock: String, demoArguments: [String] = ["--live"]) async throws -> (PlatformProcess, String) {
        let platform = try PlatformProcess(clock: clock)
        _ = try await platform.state()
        #expect(platform.consoleOutput.contains("all started"), "no banner: \(platform.consoleOutput)")
        #expect(try await platform.waitUntilStarted(Self.children, seconds: 5), "banner before every child started")
        let demo = try await platform.songdal(["demo", "--home", platform.home.path] + demoArguments)
        #expect(demo.status == 0, "demo at \(clock) failed:\n\(demo.output)")
        for step in Self.walkSteps {
            #expect(demo.output.contains(step), "missing step \(step) at \(clock) in:\n\(demo.output)")
        }
        if demoArguments.contains("--live") {
            #expect(!demo.output.contains("sandbox"), "a live walk ran in the sandbox:\n\(demo.output)")
        }
        return (platform, demo.output)
    }

    @Test func sandboxDemoOutsideTheWindowPassesEveryStepAndItsCertificateIsNoEvidence() async throws {
        let (platform, output) = try await walk(clock: try PlatformClock.nextBusinessDay(hour: 20), demoArguments: [])
        #expect(output.contains("done: every step checked, in the sandbox"), "\(output)")
        let certificate = platform.home.appending(path: "demo/certificate.json").path
        let key = platform.home.appending(path: "demo/vault-0.pem").path

        let asEvidence = try await platform.songdal(["verify", certificate, "--key", key])
        #expect(asEvidence.status != 0, "a sandbox certificate verified as real evidence:\n\(asEvidence.output)")
        #expect(asEvidence.output.contains("sandbox certificate: not valid as evidence"), "\(asEvidence.output)")
        let asSandbox = try await platform.songdal(["verify", certificate, "--key", key, "--allow-sandbox"])
        #expect(asSandbox.status == 0, "\(asSandbox.output)")

        // A live key at 20:00 KST: the notice is scheduled, the demo says when and exits 0.
        let live = try await platform.songdal(["demo", "--home", platform.home.path, "--live"])
        #expect(live.status == 0, "\(live.output)")
        #expect(live.output.contains("the notice goes at"), "\(live.output)")
        #expect(try await platform.stop(timeoutSeconds: 8) == 0)
    }

    @Test func demoWalkOnAPastClockThenSigtermStopsEveryChildCleanlyWithinFiveSeconds() async throws {
        let (platform, _) = try await walk(clock: try PlatformClock.previousBusinessDay())
        let stopping = ContinuousClock.now
        // 8 s rather than 5: the bound is up's own (SIGKILL after 4 s); the margin is for a slow CI.
        let status = try await platform.stop(timeoutSeconds: 8)
        #expect(status == 0)
        #expect(ContinuousClock.now - stopping < .seconds(8))
        let upLog = platform.log("up")
        for child in Self.children {
            #expect(upLog.contains("msg=\"child stopped\" child=\(child) status=0"), "\(child) did not stop cleanly:\n\(upLog)")
            #expect(platform.log(child).split(separator: "\n").count > 1, "\(child).log has no lines")
        }
        #expect(!upLog.contains("ignored SIGTERM"))
        #expect(!upLog.contains("restarting"), "a child died during the walk:\n\(upLog)")
        #expect(platform.allChildPIDs().isEmpty)
    }

    @Test func demoWalkInJanuary2027ThenASecondUpIsRefusedAndKillNineLeavesNoChild() async throws {
        let (platform, _) = try await walk(clock: "2027-01-04T11:00:00+09:00")
        let second = try await platform.songdal(["up", "--home", platform.home.path, "--bus-port", "0", "--gateway-port", "0"])
        #expect(second.status != 0)
        #expect(second.output.contains("already running"), "second up: \(second.output)")
        #expect(second.output.contains("pid \(platform.process.processIdentifier)"), "second up: \(second.output)")
        #expect(platform.allChildPIDs().count == Self.children.count, "the refused up touched the children")

        kill(platform.process.processIdentifier, SIGKILL)
        #expect(try await waitUntil(seconds: 10) { platform.allChildPIDs().isEmpty },
                "children outlived a SIGKILLed up: \(platform.allChildPIDs())")
    }

    @Test func demoWalkOnTheLastDaysOf2031() async throws {
        let (platform, _) = try await walk(clock: "2031-12-30T11:00:00+09:00")
        #expect(try await platform.stop(timeoutSeconds: 8) == 0)
    }

    @Test(arguments: ["2027-01-01T11:00:00+09:00", "2031-12-31T11:00:00+09:00"])
    func everyServiceStartsOnAHoliday(clock: String) async throws {
        let platform = try PlatformProcess(clock: clock)
        _ = try await platform.state()
        #expect(try await platform.waitUntilStarted(Self.children, seconds: 5))
        #expect(!platform.log("up").contains("restarting"), "a child failed at \(clock):\n\(platform.log("up"))")
        #expect(try await platform.stop(timeoutSeconds: 8) == 0)
    }

    @Test func aChildThatCannotStartStopsUpWithItsOwnError() async throws {
        let platform = try PlatformProcess(
            clock: try PlatformClock.nextBusinessDay(), arguments: ["--set", "gateway:rate-limit-burst=banana"])
        let status = try await platform.exitStatus(timeoutSeconds: 60)
        #expect(status == 1, "up did not stop: \(platform.consoleOutput)")
        #expect(platform.consoleOutput.contains("gateway failed to start"), "\(platform.consoleOutput)")
        #expect(platform.consoleOutput.contains("rate-limit-burst"), "the child's own error is missing: \(platform.consoleOutput)")
        #expect(!platform.consoleOutput.contains("all started"), "banner printed for a platform that never started")
        #expect(try await waitUntil(seconds: 10) { platform.allChildPIDs().isEmpty })
    }

    @Test func killedNotifierAndFrozenVaultAreRestartedAndTheCampaignReachesEveryoneExactlyOnce() async throws {
        let platform = try PlatformProcess(clock: try PlatformClock.nextBusinessDay(), arguments: [
            "--stall-limit", "6",
            "--set", "gateway:rate-limit-per-second=5000", "--set", "gateway:rate-limit-burst=5000",
        ])
        _ = try await platform.state()
        #expect(try await platform.waitUntilStarted(Self.children), "not every child started: \(platform.consoleOutput)")
        let notifier = platform.childPIDs("notifier")
        let vault = platform.childPIDs("vault")
        try #require(notifier.count == 1 && vault.count == 1)

        let disruption = "kill -9 \(notifier[0]); kill -STOP \(vault[0])"
        let campaign = try await platform.songdal([
            "demo", "--home", platform.home.path, "--campaign", "10000", "--during-campaign", disruption,
        ])
        #expect(campaign.status == 0, "campaign failed:\n\(campaign.output)")
        #expect(campaign.output.contains("during campaign: \(disruption)"))
        #expect(campaign.output.contains("exactly once: each of the 10000 people has exactly one message"))
        let restarted = platform.childPIDs("notifier")
        #expect(restarted.count == 1 && restarted != notifier)
        let upLog = platform.log("up")
        #expect(upLog.contains("msg=\"child exited; restarting\" child=notifier"))
        #expect(upLog.contains("msg=\"child not responding\" child=vault"), "\(upLog)")
        #expect(upLog.contains("msg=\"child not responding; killing it to restart\" child=vault"), "\(upLog)")
        #expect(platform.childPIDs("vault").count == 1 && platform.childPIDs("vault") != vault)
        #expect(try await platform.stop(timeoutSeconds: 8) == 0)
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
