import ArgumentParser
import Foundation

/// `songdal send`: submit one notice as an institution.
struct SendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Submit a certified notice for a document already in the vault; prints the accepted notice.")

    @OptionGroup var platform: PlatformOptions

    @Option(help: "Recipient CI (88 characters, base64). Read from stdin when '-', so it stays out of shell history.")
    var ci: String?

    @Option(help: "Recipient mobile number, instead of a CI.")
    var phone: String?

    @Option(help: "Title shown to the recipient.")
    var title: String

    @Option(help: "Cover text of the message.")
    var cover: String

    @Option(help: "Vault document id (from POST /v1/documents).")
    var document: String

    @Option(help: "Channel preference: rcs (default), kakao or sms.")
    var channel: String = "rcs"

    @Option(name: .customLong("read-deadline"), help: "Read deadline, ISO 8601.")
    var readDeadline: String?

    @Option(name: .customLong("idempotency-key"), help: "Same key + same body gives the same notice (default: a new UUID).")
    var idempotencyKey: String = UUID().uuidString

    func validate() throws {
        guard (ci == nil) != (phone == nil) else { throw ValidationError("give exactly one of --ci and --phone") }
    }

    func run() throws {
        var body: [String: Any] = ["title": title, "coverText": cover, "documentId": document, "channel": channel]
        if let ci { body["ci"] = ci == "-" ? (readLine() ?? "").trimmingCharacters(in: .whitespaces) : ci }
        if let phone { body["phone"] = phone }
        if let readDeadline { body["readDeadline"] = readDeadline }
        let client = try platform.institutionClient()
        try GatewayAnswer.print(try client.post("/v1/notices", json: body, headers: ["Idempotency-Key": idempotencyKey]))
    }
}
