import ArgumentParser
import Foundation

/// `songdal audit store | document <id> | integrity | log`: the vault's own checks through the gateway
/// (issue 19). The store audit and the flagged documents need an operator (or auditor) key; a
/// document's audit its owner's key or an operator's. Exit 0 when clean, 1 when anything was found.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Re-check the vault: the whole store, one document, or list flagged documents.",
        subcommands: [Store.self, Document.self, Integrity.self, Log.self])

    struct Options: ParsableArguments {
        @OptionGroup var platform: PlatformOptions

        @Flag(help: "Print the gateway's JSON answer instead of lines.")
        var json = false

        func client() throws -> HTTPClient { try platform.operatorClient() }

        /// Prints the answer (JSON or lines) and fails when it reports anything.
        func report(_ response: HTTPResponse, lines: ([String: Any]) -> (text: [String], clean: Bool)) throws {
            guard (200...299).contains(response.status), let object = response.json else {
                try GatewayAnswer.print(response)
                return
            }
            let (text, clean) = lines(object)
            if json {
                try GatewayAnswer.print(response)
            } else {
                FileHandle.standardOutput.write(Data((text.joined(separator: "\n") + "\n").utf8))
            }
            if !clean { throw ExitCode.failure }
        }
    }

    /// `documents: 3  leaves: 9 …` then one line per problem, then `audit: OK` or `audit: FAILED`.
    static func auditLines(_ report: [String: Any]) -> [String] {
        let counts = ["documents", "leaves", "checkpoints", "certificates"].map { "\($0): \(report[$0] as? Int ?? 0)" }
        let problems = (report["problems"] as? [[String: Any]]) ?? []
        return [counts.joined(separator: "  ")] + problems.map { problem in
            "problem: \(problem["code"] as? String ?? "?") [\(problem["documentId"] as? String ?? "-")]: \(problem["message"] as? String ?? "")"
        }
    }

    static func findingLines(_ findings: [[String: Any]]) -> [String] {
        findings.map { finding in
            let at = (finding["foundAt"] as? String) ?? "\(finding["foundAt"] ?? "")"
            return "flagged: \(finding["documentId"] as? String ?? "?") at \(at) during \(finding["operation"] as? String ?? "?"): "
                + "\(finding["code"] as? String ?? "?"): \(finding["detail"] as? String ?? "")"
        }
    }

    struct Store: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "store", abstract: "Re-check the whole store: blobs, rows, log, checkpoints, certificates (operator).")

        @OptionGroup var options: Options

        func run() throws {
            let response = try options.client().get("/v1/vault/audit")
            try options.report(response) { report in
                let problems = (report["problems"] as? [Any])?.count ?? 0
                return (AuditCommand.auditLines(report) + ["audit: \(problems == 0 ? "OK" : "FAILED")"], problems == 0)
            }
        }
    }

    struct Document: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "document", abstract: "Re-check one document, and show what was flagged about it.")

        @OptionGroup var options: Options

        @Argument(help: "The document id (an OID).")
        var id: String

        func run() throws {
            guard !id.isEmpty, id.count <= 128, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._:-".contains($0)) }) else {
                throw ValidationError("not a document id: \(id)")
            }
            let response = try options.client().get("/v1/documents/\(id)/audit")
            try options.report(response) { answer in
                let report = answer["audit"] as? [String: Any] ?? [:]
                let findings = answer["integrityFindings"] as? [[String: Any]] ?? []
                let clean = answer["clean"] as? Bool ?? false
                return (AuditCommand.auditLines(report) + AuditCommand.findingLines(findings) + ["audit: \(clean ? "OK" : "FAILED")"], clean)
            }
        }
    }

    struct Integrity: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "integrity", abstract: "List documents flagged because an issuance was refused (operator).")

        @OptionGroup var options: Options

        @Option(help: "At most this many findings, newest first.")
        var limit: Int = 50

        func run() throws {
            guard (1...1_000).contains(limit) else { throw ValidationError("--limit must be 1…1000") }
            let response = try options.client().get("/v1/vault/integrity?limit=\(limit)")
            try options.report(response) { answer in
                let flagged = answer["flaggedDocuments"] as? Int ?? 0
                let findings = answer["findings"] as? [[String: Any]] ?? []
                return (["flagged documents: \(flagged)"] + AuditCommand.findingLines(findings), flagged == 0)
            }
        }
    }
}
