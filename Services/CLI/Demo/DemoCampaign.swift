import Foundation
#if canImport(Glibc)
import Glibc
#endif
import IdentityCore

/// `songdal demo --campaign N`: N synthetic people, one campaign, optionally a disruption while
/// it sends (`--during-campaign "podman restart …"`), then a check that every reachable person
/// got exactly one message — what NO-7 and NO-8 promise an institution.
struct DemoCampaign {
    let gateway: DemoGateway
    let institution: String
    let size: Int
    let during: String?
    let say: (String) -> Void

    func run() throws {
        guard (1...99_999).contains(size) else { throw DemoFailure(step: "campaign", detail: "size must be 1…99,999") }
        let walk = DemoWalk(gateway: gateway, institution: institution, output: URL(fileURLWithPath: "/tmp"), sandbox: false, say: say)
        try walk.onboard()
        // A block of test numbers of its own, so an earlier run's messages do not count here.
        let block = Int.random(in: 0..<90)
        let salt = UUID().uuidString
        let people = (0..<size).map { index in
            (ci: TestCIGenerator.ci(key: Array("songdal-demo-\(salt)".utf8), rrn: "\(index)"),
             phone: Self.phone(10_000_000 + block * 100_000 + index))
        }
        try loadDirectory(people)
        let documentId = try walk.upload(DemoDocument.pdf(title: "캠페인 안내"))
        let campaignId = try start(people: people, documentId: documentId)
        try follow(campaignId)
        try checkExactlyOnce(people)
    }

    /// A test number `010-1xxx-xxxx` (SPEC §6) from an 8-digit value.
    static func phone(_ value: Int) -> String {
        let digits = String(value)
        return "010-\(digits.prefix(4))-\(digits.suffix(4))"
    }

    private func loadDirectory(_ people: [(ci: String, phone: String)]) throws {
        var csv = DemoDocument.subscriberHeader + "\n"
        for person in people { csv += DemoDocument.subscriberRow(ci: person.ci, phone: person.phone) + "\n" }
        let accepted = try DemoGateway.expectJSON(try gateway.operator_.send(
            "POST", "/v1/subscribers/sync?mode=incremental", body: Data(csv.utf8), headers: ["Content-Type": "text/csv"]),
            "directory")
        let job = accepted["jobId"] as? String ?? ""
        try DemoPoll.until("directory") {
            (try DemoGateway.expectJSON(try gateway.operator_.get("/v1/subscribers/sync/\(job)"), "directory")["state"] as? String) == "finished"
        }
        say("directory: \(people.count) synthetic people loaded")
    }

    private func start(people: [(ci: String, phone: String)], documentId: String) throws -> String {
        let csv = "ci\n" + people.map(\.ci).joined(separator: "\n") + "\n"
        let query = "name=demo-campaign&title=%EC%95%88%EB%82%B4&coverText=demo&documentId=\(documentId)"
        let started = try DemoGateway.expectJSON(try gateway.institution.send(
            "POST", "/v1/campaigns?\(query)", body: Data(csv.utf8),
            headers: ["Content-Type": "text/csv", "Idempotency-Key": "demo-campaign-\(UUID().uuidString)"]), "campaign start")
        guard let id = started["campaignId"] as? String else { throw DemoFailure(step: "campaign start", detail: "no campaignId") }
        say("campaign \(id): \(people.count) rows uploaded")
        return id
    }

    private func follow(_ campaignId: String) throws {
        var disrupted = during == nil
        var last = ""
        try DemoPoll.until("campaign", seconds: 600) {
            let answer = try gateway.institution.get("/v1/campaigns/\(campaignId)")
            // While a service restarts the gateway answers 503/504; the campaign goes on.
            if answer.status == 503 || answer.status == 504 { return false }
            let progress = try DemoGateway.expectJSON(answer, "campaign progress")
            let states = progress["states"] as? [String: Any] ?? [:]
            func count(_ key: String) -> Int { (states[key] as? NSNumber)?.intValue ?? 0 }
            let done = count("delivered") + count("read")
            let line = "progress: accepted \(progress["accepted"] ?? 0), sent+delivered \(count("sent") + done), delivered \(done), failed \(count("failed")), unreachable \(count("unreachable"))"
            if line != last { say(line); last = line }
            // Disrupt as soon as the campaign is under way, so the restart lands mid-send.
            let started = ((progress["accepted"] as? NSNumber)?.intValue ?? 0) > 0 || done > 0
            if !disrupted, started, let during {
                say("during campaign: \(during)")
                // system(3), not Foundation's Process: its waitUntilExit can hang once the child
                // (e.g. `podman restart`) has left grandchildren behind.
                let status = system(during)
                guard status == 0 else {
                    throw DemoFailure(step: "during campaign", detail: "`\(during)` exited with status \(status)")
                }
                disrupted = true
            }
            if count("failed") + count("unreachable") > 0 {
                throw DemoFailure(step: "campaign", detail: "every demo person is reachable, yet: \(states)")
            }
            return done == size
        }
    }

    private func checkExactlyOnce(_ people: [(ci: String, phone: String)]) throws {
        var wrong: [String] = []
        for person in people {
            let messages = try gateway.inbox(phone: person.phone)
            if messages.count != 1 { wrong.append("\(person.phone.prefix(8))****: \(messages.count)") }
        }
        guard wrong.isEmpty else {
            throw DemoFailure(step: "exactly once", detail: "\(wrong.count) people did not get exactly one message: \(wrong.prefix(5))")
        }
        say("exactly once: each of the \(people.count) people has exactly one message in the carrier's records")
    }
}
