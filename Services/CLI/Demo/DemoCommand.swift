import ArgumentParser
import Foundation

/// `songdal demo`: the scripted walk of one notice against a running platform.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Walk one notice end to end over the gateway: document → notice → carrier inbox → OTP → read → certificate → invoice.",
        discussion: """
            Without flags it reads the gateway URL and the demo keys from <home>/up.json, written by \
            `songdal up`, and sends with the demo institution's sandbox key (SPEC X-8): simulated \
            carriers only, at any hour, nothing billed, and the certificate is a sandbox certificate. \
            --live sends with the live key instead: outside the sending window (10:00–18:00 KST on \
            business days) it then says when the notice will go and stops there. Exit 0 when every \
            step checked out, 1 at the first step that did not (it says why).
            """)

    @Option(help: "Folder of a running `songdal up` (env SONGDAL_HOME).")
    var home: String = ProcessInfo.processInfo.environment["SONGDAL_HOME"] ?? ".songdal"

    @Option(help: "Gateway base URL (default: from up.json).")
    var gateway: String?

    @Option(name: .customLong("operator-key"), help: "Operator API key (default: from up.json).")
    var operatorKey: String?

    @Option(name: .customLong("institution-key"), help: "Institution API key (default: from up.json, or the one onboarding returns).")
    var institutionKey: String?

    @Option(name: .customLong("sandbox-key"), help: "Sandbox API key (default: from up.json, or one onboarding returns).")
    var sandboxKey: String?

    @Flag(help: "Send with the live institution key: real rules (sending window, billing); a live certificate.")
    var live = false

    @Option(help: "Institution id to onboard and send as.")
    var institution: String = "demo-bank"

    @Option(help: "Instead of one notice, run a campaign of this many synthetic people and check each got exactly one message.")
    var campaign: Int?

    @Option(name: .customLong("during-campaign"), help: "Shell command run once the campaign has started sending (e.g. restart a service).")
    var duringCampaign: String?

    func run() throws {
        let layout = PlatformLayout(home: URL(fileURLWithPath: home))
        let state = try? UpState.read(from: layout.stateFile)
        guard let url = gateway ?? state?.gatewayURL else {
            throw ValidationError("no gateway: start the platform with `songdal up`, or pass --gateway")
        }
        guard let operatorKey = operatorKey ?? state?.operatorKey else {
            throw ValidationError("no operator key: pass --operator-key, or run against `songdal up`")
        }
        // The walk runs in the sandbox unless --live (or a campaign, which sandbox keys may not send).
        let sandbox = !live && campaign == nil
        let key = sandbox
            ? sandboxKey ?? state?.sandboxKey ?? DemoKeys.load(layout: layout)?.sandboxKey
            : institutionKey ?? state?.institutionKey
        let client = try DemoGateway(url: url, institutionKey: key, operatorKey: operatorKey)
        let say: (String) -> Void = { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
        do {
            if let campaign {
                try DemoCampaign(gateway: client, institution: institution, size: campaign, during: duringCampaign, say: say).run()
            } else {
                try DemoWalk(gateway: client, institution: institution, output: layout.home.appending(path: "demo"), sandbox: sandbox,
                             say: say).run()
            }
        } catch let failure as DemoFailure {
            FileHandle.standardError.write(Data("\(failure)\n".utf8))
            throw ExitCode.failure
        }
    }
}
