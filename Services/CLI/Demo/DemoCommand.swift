import ArgumentParser
import Foundation

/// `songdal demo`: the scripted walk of one notice against a running platform.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Walk one notice end to end over the gateway: document → notice → carrier inbox → OTP → read → certificate → invoice.",
        discussion: """
            Without flags it reads the gateway URL and the demo keys from <home>/up.json, written by \
            `songdal up`. Exit 0 when every step checked out, 1 at the first step that did not (it says why).
            """)

    @Option(help: "Folder of a running `songdal up` (env SONGDAL_HOME).")
    var home: String = ProcessInfo.processInfo.environment["SONGDAL_HOME"] ?? ".songdal"

    @Option(help: "Gateway base URL (default: from up.json).")
    var gateway: String?

    @Option(name: .customLong("operator-key"), help: "Operator API key (default: from up.json).")
    var operatorKey: String?

    @Option(name: .customLong("institution-key"), help: "Institution API key (default: from up.json, or the one onboarding returns).")
    var institutionKey: String?

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
        let client = try DemoGateway(url: url, institutionKey: institutionKey ?? state?.institutionKey, operatorKey: operatorKey)
        let say: (String) -> Void = { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
        do {
            if let campaign {
                try DemoCampaign(gateway: client, institution: institution, size: campaign, during: duringCampaign, say: say).run()
            } else {
                try DemoWalk(gateway: client, institution: institution, output: layout.home.appending(path: "demo"), say: say).run()
            }
        } catch let failure as DemoFailure {
            FileHandle.standardError.write(Data("\(failure)\n".utf8))
            throw ExitCode.failure
        }
    }
}
