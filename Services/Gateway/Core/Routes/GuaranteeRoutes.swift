import Foundation
import Hummingbird
import Schema

/// The guarantee association's reminder contracts (SPEC RE-1..RE-6): import, upsert, recipients,
/// opt-out and runs, forwarded to the reminder service.
struct GuaranteeRoutes {
    let dependencies: GatewayDependencies

    struct GuaranteeBody: Decodable {
        var businessNumber: String; var kind: String; var amount: Int64; var startDate: String; var endDate: String
        var member: MemberBody?
    }
    struct MemberBody: Decodable { var businessNumber: String?; var companyName: String; var ceoName: String; var ceoMobile: String }
    struct RecipientBody: Decodable { var mobile: String }
    struct OptOutBody: Decodable { var optedOut: Bool }
    struct RunBody: Decodable { var asOf: String?; var dryRun: Bool? }
    struct IssuedBody: Decodable { var guarantee: ReminderGuarantee; var member: ReminderMember; var contactMobile: String }
    struct Queued: Encodable { var status = "queued" }

    func register(_ routes: RouteRegistrar) {
        let dependencies = self.dependencies
        let limit = dependencies.configuration.maxJSONBytes
        @Sendable func actor(_ context: GatewayContext) throws -> String { "gateway:\(try context.caller().keyId)" }

        routes.add(.post, "/v1/guarantees/import", .institutionOrOperator) { request, context in
            let csv = try await RequestBodies.text(request, limit: dependencies.configuration.maxCSVBytes)
            try CSVCheck.validate(csv)
            return try Responses.json(try await dependencies.ask(ImportGuarantees(csv: csv, actor: try actor(context), institution: try context.caller().institution)))
        }
        routes.add(.put, "/v1/guarantees/{guaranteeNo}", .institutionOrOperator) { request, context in
            let body = try await RequestBodies.json(GuaranteeBody.self, from: request, limit: limit)
            let guarantee = ReminderGuarantee(guaranteeNo: try context.parameter("guaranteeNo"), businessNumber: body.businessNumber,
                                              kind: body.kind, amount: body.amount, startDate: body.startDate, endDate: body.endDate)
            let member = body.member.map {
                ReminderMember(businessNumber: $0.businessNumber ?? body.businessNumber, companyName: $0.companyName,
                               ceoName: $0.ceoName, ceoMobile: $0.ceoMobile)
            }
            return try Responses.json(try await dependencies.ask(UpsertGuarantee(guarantee: guarantee, member: member, actor: try actor(context),
                                                                                institution: try context.caller().institution)))
        }
        routes.add(.post, "/v1/guarantees/issued", .institution) { request, context in
            let body = try await RequestBodies.json(IssuedBody.self, from: request, limit: limit)
            let message = GuaranteeIssued(guarantee: body.guarantee, member: body.member, contactMobile: body.contactMobile,
                                          institution: try context.institution())
            // A command without a reply: committed to the gateway's outbox, delivered at least once, applied once.
            try await dependencies.endpoint.write { db, outbox in try outbox.send(message, to: "reminder", in: db) }
            return try Responses.json(Queued(), status: .accepted)
        }
        routes.add(.put, "/v1/members/{businessNumber}", .institutionOrOperator) { request, context in
            let body = try await RequestBodies.json(MemberBody.self, from: request, limit: limit)
            let member = ReminderMember(businessNumber: try context.parameter("businessNumber"), companyName: body.companyName,
                                        ceoName: body.ceoName, ceoMobile: body.ceoMobile)
            return try Responses.json(try await dependencies.ask(UpsertMember(member: member, actor: try actor(context), institution: try context.caller().institution)))
        }
        routes.add(.post, "/v1/members/{businessNumber}/recipients", .institutionOrOperator) { request, context in
            let body = try await RequestBodies.json(RecipientBody.self, from: request, limit: limit)
            let reply = try await dependencies.ask(AddReminderRecipient(
                businessNumber: try context.parameter("businessNumber"), mobile: body.mobile, actor: try actor(context),
                institution: try context.caller().institution))
            return try Responses.json(reply, status: .created)
        }
        routes.add(.delete, "/v1/members/{businessNumber}/recipients/{recipientKey}", .institutionOrOperator) { _, context in
            try Responses.json(try await dependencies.ask(RemoveReminderRecipient(
                businessNumber: try context.parameter("businessNumber"), recipientKey: try context.parameter("recipientKey"),
                actor: try actor(context), institution: try context.caller().institution)))
        }
        routes.add(.put, "/v1/members/{businessNumber}/opt-out", .institutionOrOperator) { request, context in
            let body = try await RequestBodies.json(OptOutBody.self, from: request, limit: limit)
            return try Responses.json(try await dependencies.ask(SetReminderOptOut(
                businessNumber: try context.parameter("businessNumber"), optedOut: body.optedOut, actor: try actor(context),
                institution: try context.caller().institution)))
        }
        routes.add(.post, "/v1/guarantees/runs", .institutionOrOperator) { request, _ in
            let body = try await RequestBodies.json(RunBody.self, from: request, limit: limit)
            return try Responses.json(try await dependencies.ask(RunReminders(asOf: body.asOf, dryRun: body.dryRun ?? false)))
        }
        routes.add(.get, "/v1/guarantees/runs/preview", .institutionOrOperator) { request, _ in
            try Responses.json(try await dependencies.ask(PreviewReminders(asOf: request.uri.queryParameters.get("asOf"))))
        }
    }
}
