import Foundation
import GRDB
import Hummingbird
import Schema

/// Bulk campaigns: CSV upload (streamed to a staged file the notifier reads), progress,
/// pause/resume/cancel, and the list of campaigns started through this gateway.
struct CampaignRoutes {
    let dependencies: GatewayDependencies

    struct CampaignSummary: Codable, Sendable { var campaignId: String; var name: String; var createdAt: Date }

    func register(_ routes: RouteRegistrar) {
        let dependencies = self.dependencies
        routes.add(.post, "/v1/campaigns", .institution) { request, context in
            let institution = try context.institution()
            let query = request.uri.queryParameters
            guard let name = query.get("name"), !name.isEmpty, name.count <= 200 else {
                throw Problem.invalid(.missingField, "name is required (query parameter)", field: "name")
            }
            let channel = try query.get("channel").map { text -> ChannelPreference in
                guard let channel = ChannelPreference(rawValue: text) else {
                    throw Problem.invalid(.invalidField, "channel must be rcs, kakao or sms", field: "channel")
                }
                return channel
            }
            let deadline = try query.get("readDeadline").map { text -> Date in
                guard let date = ISO8601DateFormatter().date(from: text) else {
                    throw Problem.invalid(.invalidField, "readDeadline must be an ISO-8601 instant", field: "readDeadline")
                }
                return date
            }
            let key = try NoticeRoutes.idempotencyKey(request)
            let staged = try await RequestBodies.stage(request, in: dependencies.staging, limit: dependencies.configuration.maxCSVBytes)
            let started: CampaignStarted
            do {
                try CSVCheck.validate(file: staged.url)
                started = try await dependencies.ask(StartCampaign(
                    institution: institution, path: staged.url.path, name: name, title: query.get("title"),
                    coverText: query.get("coverText"), documentId: query.get("documentId"), readDeadline: deadline,
                    channel: channel ?? .rcs, kakaoTemplateCode: query.get("kakaoTemplateCode"), idempotencyKey: key))
            } catch {
                try? FileManager.default.removeItem(at: staged.url)
                throw error
            }
            // The notifier streams the staged file in the background; it stays until swept.
            let now = Int64(dependencies.clock.now.timeIntervalSince1970 * 1000)
            try await dependencies.store.pool.write { db in
                try db.execute(sql: "INSERT OR IGNORE INTO campaign (id, institution, name, created_at) VALUES (?, ?, ?, ?)",
                               arguments: [started.campaignId, institution, name, now])
            }
            return try Responses.json(started, status: started.replayed ? .ok : .accepted,
                                      headers: [.location: "/v1/campaigns/\(started.campaignId)"])
        }
        routes.add(.get, "/v1/campaigns", .institution) { _, context in
            let institution = try context.institution()
            let rows = try await dependencies.store.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT id, name, created_at FROM campaign WHERE institution = ? ORDER BY created_at DESC LIMIT 100",
                                 arguments: [institution])
            }
            return try Responses.json(rows.map {
                CampaignSummary(campaignId: $0["id"], name: $0["name"],
                                createdAt: Date(timeIntervalSince1970: Double($0["created_at"] as Int64) / 1000))
            })
        }
        routes.add(.get, "/v1/campaigns/{id}", .institution) { request, context in
            var limit = 100
            if let text = request.uri.queryParameters.get("badRowLimit") {
                guard let value = Int(text), (0...10_000).contains(value) else {
                    throw Problem.invalid(.invalidField, "badRowLimit must be 0…10000", field: "badRowLimit")
                }
                limit = value
            }
            return try Responses.json(try await dependencies.ask(CampaignProgressQuery(
                campaignId: try context.parameter("id"), institution: try context.institution(), badRowLimit: limit)))
        }
        for action in [ControlCampaign.Action.pause, .resume, .cancel] {
            routes.add(.post, "/v1/campaigns/{id}/\(action.rawValue)", .institution) { _, context in
                try Responses.json(try await dependencies.ask(ControlCampaign(
                    campaignId: try context.parameter("id"), institution: try context.institution(), action: action)))
            }
        }
    }
}
