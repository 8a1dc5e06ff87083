import ArgumentParser
import Foundation

/// `songdal campaign <file.csv>`: upload a campaign and follow it with a live progress bar.
struct CampaignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Upload a campaign CSV (columns ci or phone, optional title, cover, document_id, read_deadline) and follow it.",
        discussion: "Exit 0 when every row ended delivered or read, 1 when some failed, were unreachable or were bad rows.")

    @OptionGroup var platform: PlatformOptions

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "Campaign name.")
    var name: String

    @Option(help: "Default title for rows without one.")
    var title: String?

    @Option(help: "Default cover text for rows without one.")
    var cover: String?

    @Option(help: "Default vault document id for rows without one.")
    var document: String?

    @Flag(help: "Upload and print the campaign id without following it.")
    var detach = false

    func run() throws {
        let csv: Data
        do { csv = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        var query = ["name": name]
        if let title { query["title"] = title }
        if let cover { query["coverText"] = cover }
        if let document { query["documentId"] = document }
        let text = query.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        let client = try platform.institutionClient()
        let started = try client.send("POST", "/v1/campaigns?\(text)", body: csv,
                                      headers: ["Content-Type": "text/csv", "Idempotency-Key": "cli-\(UUID().uuidString)"])
        guard (200...299).contains(started.status), let id = started.json?["campaignId"] as? String else {
            return try GatewayAnswer.print(started)
        }
        FileHandle.standardOutput.write(Data("campaign \(id)\n".utf8))
        guard !detach else { return }
        try follow(id, client: client)
    }

    private func follow(_ id: String, client: HTTPClient) throws {
        let tty = isatty(1) == 1
        while true {
            let answer = try client.get("/v1/campaigns/\(id)")
            if answer.status == 503 || answer.status == 504 { Thread.sleep(forTimeInterval: 1); continue }
            guard answer.status == 200, let progress = answer.json else { return try GatewayAnswer.print(answer) }
            let states = progress["states"] as? [String: Any] ?? [:]
            func count(_ key: String) -> Int { (states[key] as? NSNumber)?.intValue ?? 0 }
            let accepted = (progress["accepted"] as? NSNumber)?.intValue ?? 0
            let bad = (progress["badRowCount"] as? NSNumber)?.intValue ?? 0
            let done = count("delivered") + count("read")
            let ended = done + count("failed") + count("unreachable") + count("expired")
            let state = progress["state"] as? String ?? "?"
            let line = ProgressBar.line(done: ended, total: max(accepted, 1)) +
                " \(state) · accepted \(accepted) · delivered \(count("delivered")) · read \(count("read")) · failed \(count("failed")) · unreachable \(count("unreachable")) · bad rows \(bad)"
            FileHandle.standardOutput.write(Data((tty ? "\r\u{1B}[K" + line : line + "\n").utf8))
            let finished = ["cancelled", "failed"].contains(state) || (state == "completed" && ended >= accepted)
            if finished {
                if tty { FileHandle.standardOutput.write(Data("\n".utf8)) }
                if ended > done || bad > 0 { throw ExitCode.failure }
                return
            }
            Thread.sleep(forTimeInterval: tty ? 0.5 : 5)
        }
    }
}

/// A text progress bar, `[#######-------]  50%`.
enum ProgressBar {
    static func line(done: Int, total: Int, width: Int = 30) -> String {
        let fraction = min(1, Double(done) / Double(total))
        let filled = Int((fraction * Double(width)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            + String(format: "%3d%%", Int(fraction * 100))
    }
}
