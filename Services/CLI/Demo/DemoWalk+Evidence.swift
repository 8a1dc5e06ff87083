import Foundation
import Runtime
import SongdalCrypto
import VaultCore

extension DemoWalk {
    /// Asks for the delivery certificate, writes it with its signature and the vault's keys,
    /// and verifies it offline exactly as `songdal verify` does.
    func certificate(_ noticeId: String) throws {
        let issued = try DemoGateway.expectJSON(
            try gateway.institution.post("/v1/notices/\(noticeId)/certificate", json: ["purpose": "demo"]), "11 certificate")
        guard let json = issued["json"] as? String, let signatureText = issued["signature"] as? String,
              let signature = Data(base64Encoded: signatureText) else {
            throw DemoFailure(step: "11 certificate", detail: "no json/signature in \(issued.keys.sorted())")
        }
        let keys = try DemoGateway.expectJSON(try gateway.institution.get("/v1/vault/keys"), "11 vault keys")
        let pems = (keys["keys"] as? [[String: Any]] ?? []).compactMap { $0["publicKeyPEM"] as? String }
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let certificateFile = output.appending(path: "certificate.json")
        try Data(json.utf8).write(to: certificateFile)
        try signature.base64EncodedData().write(to: output.appending(path: "certificate.sig"))
        for (index, pem) in pems.enumerated() { try Data(pem.utf8).write(to: output.appending(path: "vault-\(index).pem")) }
        let trusted = try pems.map { try Ed25519PublicKey(pem: $0) }
        if sandbox {
            try sandboxCertificate(json: json, signature: signature, trusted: trusted, serial: issued["serial"] as? String ?? "?",
                                   file: certificateFile)
            return
        }
        let result = CertificateVerifier.verify(json: Array(json.utf8), signature: Array(signature), trustedKeys: trusted, now: nil)
        guard result.isValid else {
            throw DemoFailure(step: "11 certificate", detail: result.problems.map { "\($0.code): \($0.message)" }.joined(separator: "; "))
        }
        say("11 certificate   \(issued["serial"] ?? "?") verifies offline: songdal verify \(certificateFile.path) --key \(output.path)/vault-0.pem")
    }

    /// A sandbox notice's certificate (X-8): it must verify as a sandbox certificate and be
    /// refused as evidence, offline and online.
    private func sandboxCertificate(json: String, signature: Data, trusted: [Ed25519PublicKey], serial: String, file: URL) throws {
        let step = "11 certificate"
        let asEvidence = CertificateVerifier.verify(json: Array(json.utf8), signature: Array(signature), trustedKeys: trusted)
        guard asEvidence.isSandbox, asEvidence.codes == ["sandbox_certificate"] else {
            throw DemoFailure(step: step, detail: "expected a sandbox certificate refused as evidence, got \(asEvidence.codes)")
        }
        let asSandbox = CertificateVerifier.verify(json: Array(json.utf8), signature: Array(signature), trustedKeys: trusted,
                                                   allowSandbox: true)
        guard asSandbox.isValid, asSandbox.isSandbox else {
            throw DemoFailure(step: step, detail: asSandbox.problems.map { "\($0.code): \($0.message)" }.joined(separator: "; "))
        }
        let online = try DemoGateway.expectJSON(try gateway.recipient.get("/v1/certificates/\(serial)/verification"), step)
        guard online["valid"] as? Bool == false, online["sandbox"] as? Bool == true else {
            throw DemoFailure(step: step, detail: "online verification should refuse a sandbox certificate: \(online)")
        }
        say("11 certificate   \(serial) verifies as a SANDBOX certificate (signature, log proofs, time stamp all good): "
            + "songdal verify \(file.path) --key \(output.path)/vault-0.pem --allow-sandbox")
        say("                 and is refused as real evidence, offline and online: \(asEvidence.problems[0].message)")
    }

    /// This institution's billed notice sends and reads in the current month's invoice.
    func noticeUsage() throws -> (sent: Int64, read: Int64) {
        let month = KST.localDate(of: Date())
        return try usage(month: String(format: "%04d-%02d", month.year, month.month))
    }

    private func usage(month: String) throws -> (sent: Int64, read: Int64) {
        let reply = try gateway.institution.get("/v1/invoices/\(month)")
        guard reply.status != 404 else { return (0, 0) }
        let lines = Self.lines(in: try DemoGateway.expectJSON(reply, "12 invoice"))
        func quantity(_ item: String) -> Int64 {
            lines.filter { ($0["item"] as? String) == item }.reduce(0) { $0 + (($1["quantity"] as? NSNumber)?.int64Value ?? 0) }
        }
        return (quantity("notice.sent"), quantity("notice.read"))
    }

    /// In the sandbox the month's invoice must not have moved: the notice was never billed.
    func sandboxInvoice(month: String, before: (sent: Int64, read: Int64)) throws {
        let after = try usage(month: month)
        guard after == before else {
            throw DemoFailure(step: "12 invoice", detail: "the sandbox notice was billed: sends \(before.sent) → \(after.sent), reads \(before.read) → \(after.read)")
        }
        say("12 invoice       \(month): nothing billed for the sandbox notice (notice.sent × \(after.sent), notice.read × \(after.read), as before it)")
    }

    /// Issues the month's invoices when it is over (else reads the draft) and checks this
    /// institution's shows the send and the read.
    func invoice(month: String) throws {
        // A month is invoiced once it is over; before that the invoice reads as a draft.
        let issue = try gateway.operator_.post("/v1/invoices/\(month)/issue", json: [:])
        if issue.status != 422 || issue.json?["code"] as? String != "month_not_over" {
            try DemoGateway.expectJSON(issue, "12 invoices")
        }
        let invoice = try DemoGateway.expectJSON(try gateway.institution.get("/v1/invoices/\(month)"), "12 invoice")
        let lines = Self.lines(in: invoice)
        func quantity(_ item: String) -> Int64 {
            lines.filter { ($0["item"] as? String) == item }.reduce(0) { $0 + (($1["quantity"] as? NSNumber)?.int64Value ?? 0) }
        }
        guard quantity("notice.sent") >= 1, quantity("notice.read") >= 1 else {
            throw DemoFailure(step: "12 invoice", detail: "no notice.sent / notice.read lines in \(lines)")
        }
        let total = (invoice["total"] ?? (invoice["invoice"] as? [String: Any])?["total"]) ?? "?"
        say("12 invoice       \(month) (\(invoice["status"] ?? "?")): notice.sent × \(quantity("notice.sent")), notice.read × \(quantity("notice.read")), total \(total) won incl. VAT")
    }

    /// The KST month (YYYY-MM) the notice was accepted in, by the platform's own clock.
    func month(of noticeId: String) throws -> String {
        let accepted = try DemoGateway.expectJSON(try gateway.institution.get("/v1/notices/\(noticeId)"), "notice")["acceptedAt"]
        guard let text = accepted as? String, let date = ISO8601DateFormatter().date(from: text) else {
            throw DemoFailure(step: "12 invoice", detail: "no acceptedAt")
        }
        let day = KST.localDate(of: date)
        return String(format: "%04d-%02d", day.year, day.month)
    }

    static func lines(in object: [String: Any]) -> [[String: Any]] {
        if let lines = object["lines"] as? [[String: Any]] { return lines }
        for value in object.values {
            if let nested = value as? [String: Any], case let found = lines(in: nested), !found.isEmpty { return found }
        }
        return []
    }
}
