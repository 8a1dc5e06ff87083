import ArgumentParser
import Foundation

/// `songdal status <notice>`: a notice's state, or with `--timeline` every transition.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show a notice's state (and with --timeline, every timestamped transition).")

    @OptionGroup var platform: PlatformOptions

    @Argument(help: "The notice id.")
    var notice: String

    @Flag(help: "Show the timeline instead of the summary.")
    var timeline = false

    func run() throws {
        guard notice.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw ValidationError("not a notice id: \(notice)")
        }
        let client = try platform.institutionClient()
        try GatewayAnswer.print(try client.get("/v1/notices/\(notice)\(timeline ? "/timeline" : "")"))
    }
}
