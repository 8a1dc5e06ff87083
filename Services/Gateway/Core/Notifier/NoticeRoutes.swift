import Foundation
import HTTPTypes
import Hummingbird
import Schema

/// Notices: submit (with `Idempotency-Key`), status, timeline, delivery certificate.
struct NoticeRoutes {
    let dependencies: GatewayDependencies

    struct SubmitBody: Decodable {
        var ci: String?
        var phone: String?
        var title: String
        var coverText: String
        var documentId: String
        var readDeadline: Date?
        var channel: ChannelPreference?
        var kakaoTemplateCode: String?
        var kakaoButtons: [KakaoButton]?
        var reference: String?
    }

    struct CertificateBody: Decodable { var requester: String?; var purpose: String? }

    func register(_ routes: RouteRegistrar) {
        let dependencies = self.dependencies
        routes.add(.post, "/v1/notices", .institution, sandboxKeys: true) { request, context in
            let body = try await RequestBodies.json(SubmitBody.self, from: request, limit: dependencies.configuration.maxJSONBytes)
            let key = try Self.idempotencyKey(request)
            guard (body.ci == nil) != (body.phone == nil) else {
                throw Problem.invalid(.missingRecipient, "give exactly one of ci and phone", field: "ci")
            }
            // The platform's one CI and mobile number rules (Schema), answered here before the bus.
            if let ci = body.ci, CI(ci) == nil {
                throw Problem.invalid(.invalidCI, "a CI is 88 characters of base64", field: "ci")
            }
            if let phone = body.phone, MobileNumber(phone) == nil {
                throw Problem.invalid(.invalidPhone, "not a Korean mobile number", field: "phone")
            }
            let accepted = try await dependencies.ask(SubmitNotice(
                institution: try context.institution(), ci: body.ci, phone: body.phone, title: body.title,
                coverText: body.coverText, documentId: body.documentId, readDeadline: body.readDeadline,
                channel: body.channel ?? .rcs, kakaoTemplateCode: body.kakaoTemplateCode, kakaoButtons: body.kakaoButtons,
                idempotencyKey: key, reference: body.reference, sandbox: try context.caller().sandbox))
            return try Responses.json(accepted, status: accepted.replayed ? .ok : .accepted,
                                      headers: [.location: "/v1/notices/\(accepted.noticeId)"])
        }
        routes.add(.get, "/v1/notices/{id}", .institution, sandboxKeys: true) { _, context in
            let institution = try context.institution()
            let status = try await dependencies.ask(NoticeStatusQuery(noticeId: try context.parameter("id"), institution: institution))
            guard status.institution == institution else { throw Problem.notFound("notice") }
            return try Responses.json(status)
        }
        routes.add(.get, "/v1/notices/{id}/timeline", .institution, sandboxKeys: true) { _, context in
            let institution = try context.institution()
            let id = try context.parameter("id")
            return try Responses.json(try await dependencies.ask(NoticeTimelineQuery(noticeId: id, institution: institution)))
        }
        routes.add(.post, "/v1/notices/{id}/certificate", .institution, sandboxKeys: true) { request, context in
            let institution = try context.institution()
            let body = try await Self.optionalJSON(CertificateBody.self, request, dependencies)
            let status = try await dependencies.ask(NoticeStatusQuery(noticeId: try context.parameter("id"), institution: institution))
            guard status.institution == institution else { throw Problem.notFound("notice") }
            let issued = try await dependencies.ask(IssueCertificate(
                kind: .delivery, documentId: status.documentId, institution: institution,
                requester: body?.requester ?? institution, purpose: body?.purpose ?? "delivery evidence",
                noticeId: status.noticeId))
            return try Responses.json(issued, status: .created)
        }
    }

    /// `Idempotency-Key`: 1…128 visible ASCII characters.
    static func idempotencyKey(_ request: Request) throws -> String? {
        guard let key = request.headers[HTTPField.Name("Idempotency-Key")!] else { return nil }
        guard (1...128).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else {
            throw Problem.badRequest(.invalidIdempotencyKey, "Idempotency-Key must be 1–128 visible ASCII characters",
                                     field: "Idempotency-Key")
        }
        return key
    }

    static func optionalJSON<T: Decodable>(_ type: T.Type, _ request: Request, _ dependencies: GatewayDependencies) async throws -> T? {
        if request.headers[.contentLength] == "0" || request.headers[.contentType] == nil { return nil }
        return try await RequestBodies.json(type, from: request, limit: dependencies.configuration.maxJSONBytes)
    }
}
