import Foundation
import IdentityCore
import SongdalCrypto
import VaultCore

/// `songdal demo`'s scripted walk over the gateway's HTTP API, as an institution, an operator
/// and a recipient would do it: document → notice → carrier inbox → OTP → read → delivery
/// certificate → offline verification → invoice. Every step is printed and checked.
struct DemoWalk {
    let gateway: DemoGateway
    let institution: String
    /// Where the certificate, its signature and the vault key are written for `songdal verify`.
    let output: URL
    /// Sent with a sandbox key (X-8): any hour, simulated carriers, nothing billed, a sandbox certificate.
    let sandbox: Bool
    let say: (String) -> Void

    /// The demo person: a test CI (SPEC ID-7) and a test number on KT.
    static let ci = TestCIGenerator.ci(key: Array("songdal-demo".utf8), rrn: "9001011000001")
    static let phone = "010-0999-0001"

    func run() throws {
        if sandbox {
            say("sandbox: this walk sends with the demo institution's sandbox key (sdk_test_…): simulated carriers only, "
                + "at any hour, nothing billed; its certificate is a sandbox certificate, not valid as evidence. "
                + "`songdal demo --live` uses the live key and the real rules.")
        }
        try onboard()
        try loadSubscriber()
        let pdf = DemoDocument.pdf(title: "2026년 자동차세 납부 안내")
        let documentId = try upload(pdf)
        var billedBefore: (sent: Int64, read: Int64)?
        if sandbox { billedBefore = try noticeUsage() }
        let noticeId = try submit(documentId: documentId)
        guard let status = try waitForState(noticeId, ["delivered", "read"], step: "5 delivery") else { return }
        if sandbox, status["sandbox"] as? Bool != true {
            throw DemoFailure(step: "5 delivery", detail: "the notice's status is not marked sandbox: \(status)")
        }
        say("5  delivered     via \(status["channel"] ?? "?") to \(status["recipientMasked"] ?? "?")\(sandbox ? " (sandbox: simulated carrier)" : "")")
        let token = try linkToken(noticeId)
        try readAsRecipient(token: token, expecting: pdf)
        _ = try waitForState(noticeId, ["read"], step: "10 read recorded")
        say("10 status        read at \(try self.status(noticeId)["readAt"] ?? "?")")
        try certificate(noticeId)
        if let billedBefore {
            try sandboxInvoice(month: try month(of: noticeId), before: billedBefore)
            say("done: every step checked, in the sandbox (nothing was billed; the certificate is not evidence).")
        } else {
            try invoice(month: try month(of: noticeId))
            say("done: every step checked.")
        }
    }

    func onboard() throws {
        let needsKey = gateway.institution.defaultHeaders["Authorization"] == nil
        var body: [String: Any] = ["institution": institution, "name": "Demo Bank"]
        if sandbox, needsKey { body["createSandboxKey"] = true }
        let answer = try DemoGateway.expectJSON(try gateway.operator_.post("/v1/institutions", json: body), "1 onboarding")
        if needsKey, let key = (sandbox ? answer["sandboxKey"] : answer["apiKey"]) as? String {
            gateway.institution.defaultHeaders["Authorization"] = "Bearer \(key)"
        }
        say("1  institution   \(institution) subscribed for billing (plan \(answer["plan"] ?? "standard"))")
    }

    private func loadSubscriber() throws {
        let csv = "\(DemoDocument.subscriberHeader)\n\(DemoDocument.subscriberRow(ci: Self.ci, phone: Self.phone))\n"
        let accepted = try DemoGateway.expectJSON(try gateway.operator_.send(
            "POST", "/v1/subscribers/sync?mode=incremental", body: Data(csv.utf8), headers: ["Content-Type": "text/csv"]),
            "2 subscriber sync")
        guard let job = accepted["jobId"] as? String else { throw DemoFailure(step: "2 subscriber sync", detail: "no jobId") }
        try DemoPoll.until("2 subscriber sync") {
            let report = try DemoGateway.expectJSON(try gateway.operator_.get("/v1/subscribers/sync/\(job)"), "2 subscriber sync")
            if report["state"] as? String == "failed" { throw DemoFailure(step: "2 subscriber sync", detail: "\(report)") }
            return report["state"] as? String == "finished"
        }
        say("2  directory     1 subscriber line loaded (CI \(Self.ci.prefix(6))…, KT)")
    }

    func upload(_ pdf: Data) throws -> String {
        let stored = try DemoGateway.expectJSON(try gateway.institution.send(
            "POST", "/v1/documents?fileName=notice.pdf&title=demo%20notice", body: pdf, headers: ["Content-Type": "application/pdf"]),
            "3 document upload")
        guard let id = stored["documentId"] as? String else { throw DemoFailure(step: "3 document upload", detail: "no documentId") }
        say("3  document      \(id) stored (\(stored["size"] ?? "?") bytes, hash \(String(describing: stored["contentHash"] ?? "?").prefix(16))…, log leaf \(stored["leafIndex"] ?? "?"))")
        return id
    }

    private func submit(documentId: String) throws -> String {
        let body: [String: Any] = [
            "ci": Self.ci, "title": "자동차세 납부 안내", "coverText": "2026년 2기분 자동차세 고지서가 도착했습니다.",
            "documentId": documentId,
        ]
        let accepted = try DemoGateway.expectJSON(
            try gateway.institution.post("/v1/notices", json: body, headers: ["Idempotency-Key": "demo-\(UUID().uuidString)"]),
            "4 notice")
        guard let id = accepted["noticeId"] as? String else { throw DemoFailure(step: "4 notice", detail: "no noticeId") }
        say("4  notice        \(id) \(accepted["state"] ?? "accepted")")
        return id
    }

    private func status(_ noticeId: String) throws -> [String: Any] {
        try DemoGateway.expectJSON(try gateway.institution.get("/v1/notices/\(noticeId)"), "notice status")
    }

    /// The notice's status once it is in one of `states`; nil when a live notice was scheduled
    /// for the next sending window (said, and the walk ends there without failing).
    private func waitForState(_ noticeId: String, _ states: Set<String>, step: String) throws -> [String: Any]? {
        var last: [String: Any] = [:]
        var scheduled: String?
        try DemoPoll.until(step) {
            last = try status(noticeId)
            let state = last["state"] as? String ?? ""
            if ["failed", "unreachable", "expired"].contains(state) {
                throw DemoFailure(step: step, detail: "notice ended \(state): \(last["reason"] ?? "")")
            }
            if state == "scheduled", let at = last["scheduledAt"] as? String, !sandbox {
                scheduled = at
                return true
            }
            return states.contains(state)
        }
        if let scheduled {
            say("5  scheduled     outside the sending window (10:00–18:00 KST on business days): the notice goes at \(Self.kst(scheduled))")
            say("done: the live notice is scheduled and will go then (`songdal status \(noticeId)`). "
                + "`songdal demo` without --live walks everything now, in the sandbox.")
            return nil
        }
        return last
    }

    /// An ISO 8601 instant as KST wall time, e.g. `2026-11-24 10:00 KST`.
    static func kst(_ iso: String) -> String {
        guard let date = ISO8601DateFormatter().date(from: iso) else { return iso }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 9 * 3600)
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'KST'"
        return formatter.string(from: date)
    }

    private func linkToken(_ noticeId: String) throws -> String {
        var link: String?
        try DemoPoll.until("6 carrier inbox") {
            link = try gateway.inbox(phone: Self.phone).last { ($0["reference"] as? String) == noticeId }?["link"] as? String
            return link != nil
        }
        guard let link, let range = link.range(of: "/r/") else { throw DemoFailure(step: "6 carrier inbox", detail: "no link") }
        say("6  carrier       message with link \(link.prefix(upTo: range.upperBound))<token>")
        return String(link[range.upperBound...])
    }
}
