import Foundation
import Hummingbird
import Schema

/// Operator work on the identity service: carrier sync uploads, consent, disclosure, lawful
/// access (SPEC ID-1, ID-6). A CI travels only in bodies, never in a URL.
struct IdentityRoutes {
    let dependencies: GatewayDependencies

    struct ConsentBody: Decodable { var ci: String; var thirdParty: String; var purpose: String; var fields: [DisclosedField] }
    struct LawfulAccessBody: Decodable {
        var ci: String; var authority: String; var warrantReference: String; var purpose: String; var fields: [DisclosedField]
    }
    struct LedgerQuery: Decodable { var ci: String }

    func register(_ routes: RouteRegistrar) {
        let dependencies = self.dependencies
        let limit = dependencies.configuration.maxJSONBytes
        routes.add(.post, "/v1/subscribers/sync", .operator) { request, _ in
            let query = request.uri.queryParameters
            let mode = try query.get("mode").map { text -> SyncMode in
                guard let mode = SyncMode(rawValue: text) else {
                    throw Problem.invalid(.invalidField, "mode must be full or incremental", field: "mode")
                }
                return mode
            } ?? .incremental
            let carrier = try query.get("carrier").map { text -> Carrier in
                guard let carrier = Carrier(rawValue: text.uppercased()) else {
                    throw Problem.invalid(.invalidField, "carrier must be KT, SKT or LGU", field: "carrier")
                }
                return carrier
            }
            let staged = try await RequestBodies.stage(request, in: dependencies.staging, limit: dependencies.configuration.maxCSVBytes)
            do {
                try CSVCheck.validate(file: staged.url)
                // The identity service imports from the file in the background; the staged copy
                // stays until the staging sweep removes it.
                let accepted = try await dependencies.ask(ImportDirectoryFile(path: staged.url.path, mode: mode, carrier: carrier))
                return try Responses.json(accepted, status: .accepted, headers: [.location: "/v1/subscribers/sync/\(accepted.jobId)"])
            } catch {
                try? FileManager.default.removeItem(at: staged.url)
                throw error
            }
        }
        routes.add(.get, "/v1/subscribers/sync/{jobId}", .oversight) { _, context in
            try Responses.json(try await dependencies.ask(ImportStatus(jobId: try context.parameter("jobId"))))
        }
        routes.add(.post, "/v1/consents", .operator) { request, _ in
            let body = try await RequestBodies.json(ConsentBody.self, from: request, limit: limit)
            let recorded = try await dependencies.ask(GiveConsent(ci: body.ci, thirdParty: body.thirdParty, purpose: body.purpose, fields: body.fields))
            return try Responses.json(recorded, status: .created)
        }
        routes.add(.delete, "/v1/consents/{consentId}", .operator) { _, context in
            try Responses.json(try await dependencies.ask(WithdrawConsent(consentId: try context.parameter("consentId"))))
        }
        routes.add(.post, "/v1/disclosures", .operator) { request, _ in
            let body = try await RequestBodies.json(ConsentBody.self, from: request, limit: limit)
            return try Responses.json(try await dependencies.ask(
                DiscloseToThirdParty(ci: body.ci, thirdParty: body.thirdParty, purpose: body.purpose, fields: body.fields)))
        }
        routes.add(.post, "/v1/disclosures/search", .oversight) { request, _ in
            let body = try await RequestBodies.json(LedgerQuery.self, from: request, limit: limit)
            return try Responses.json(try await dependencies.ask(ListDisclosures(ci: body.ci)))
        }
        routes.add(.post, "/v1/lawful-access", .operator) { request, context in
            let body = try await RequestBodies.json(LawfulAccessBody.self, from: request, limit: limit)
            let filed = try await dependencies.ask(FileLawfulAccess(
                ci: body.ci, authority: body.authority, warrantReference: body.warrantReference, purpose: body.purpose,
                fields: body.fields, operatorId: try context.caller().keyId))
            return try Responses.json(filed, status: .created)
        }
        routes.add(.post, "/v1/lawful-access/{requestId}/approval", .operator) { _, context in
            try Responses.json(try await dependencies.ask(
                ApproveLawfulAccess(requestId: try context.parameter("requestId"), operatorId: try context.caller().keyId)))
        }
    }
}
