import Foundation
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
        guard (1...9_999).contains(size) else { throw DemoFailure(step: "campaign", detail: "size must be 1…9,999") }
        let walk = DemoWalk(gateway: gateway, institution: institution, output: URL(fileURLWithPath: "/tmp"), say: say)
        try walk.onboard()
        // A block of test numbers of its own, so an earlier run's messages do not count here.
        let block = Int.random(in: 100...999)
        let salt = UUID().uuidString
        let people = (0..<size).map { index in
            (ci: TestCIGenerator.ci(key: Array("songdal-demo-\(salt)".utf8), rrn: "\(index)"),
             phone: String(format: "010-1%03d-%04d", block, index))
        }
        try loadDirectory(people)
        let documentId = try walk.upload(DemoDocument.pdf(title: "캠페인 안내"))
        let campaignId = try start(people: people, documentId: documentId)
        try follow(campaignId, walk: walk)
        try checkExactlyOnce(people, walk: walk)
    }

    private func loadDirectory(_ people: [(ci: String, phone: String)]) throws {
        var csv = DemoDocument.subscriberHeader + "\n"
        for person in people { csv += DemoDocument.subscriberRow(ci: person.ci, phone: person.phone) + "\n" }
        let accepted = try DemoGateway.expectJSON(try gateway.operator_.send(
            "POST", "/v1/subscribers/sync?mode=incremental", body: Data(csv.utf8), headers: ["Content-Type": "text/csv"]),
            "directory")
        let job = accepted["jobId"] as? String ?? ""
        try DemoWalk(gateway: gateway, institution: institution, output: URL(fileURLWithPath: "/tmp"), say: say).poll("directory") {
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

    private func follow(_ campaignId: String, walk: DemoWalk) throws {
        var disrupted = during == nil
        var last = ""
        try walk.poll("campaign", seconds: 600) {
            let progress = try DemoGateway.expectJSON(try gateway.institution.get("/v1/campaigns/\(campaignId)"), "campaign progress")
            let states = progress["states"] as? [String: Any] ?? [:]
            func count(_ key: String) -> Int { (states[key] as? NSNumber)?.intValue ?? 0 }
            let done = count("delivered") + count("read")
            let line = "progress: accepted \(progress["accepted"] ?? 0), sent+delivered \(count("sent") + done), delivered \(done), failed \(count("failed")), unreachable \(count("unreachable"))"
            if line != last { say(line); last = line }
            if !disrupted, count("sent") + done > 0, let during {
                say("during campaign: \(during)")
                let shell = Process()
                shell.executableURL = URL(fileURLWithPath: "/bin/sh")
                shell.arguments = ["-c", during]
                try shell.run()
                shell.waitUntilExit()
                guard shell.terminationStatus == 0 else {
                    throw DemoFailure(step: "during campaign", detail: "`\(during)` exited \(shell.terminationStatus)")
                }
                disrupted = true
            }
            if count("failed") + count("unreachable") > 0 {
                throw DemoFailure(step: "campaign", detail: "every demo person is reachable, yet: \(states)")
            }
            return done == size
        }
    }

    private func checkExactlyOnce(_ people: [(ci: String, phone: String)], walk: DemoWalk) throws {
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
