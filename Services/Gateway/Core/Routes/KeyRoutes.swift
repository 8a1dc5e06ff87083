import Foundation
import Hummingbird
import Schema

/// Operators issue and revoke API keys.
struct KeyRoutes {
    let dependencies: GatewayDependencies

    struct CreateKey: Decodable {
        var scope: APIKeyScope
        var institution: String?
        var label: String?
        /// A sandbox key, institution scope only.
        var sandbox: Bool?
    }

    struct CreatedKey: Encodable {
        var keyId: String
        /// Shown once; only its hash is kept.
        var key: String
        var scope: APIKeyScope
        var institution: String?
        var sandbox: Bool
    }

    func register(_ routes: RouteRegistrar) {
        let dependencies = self.dependencies
        routes.add(.post, "/v1/keys", .operator) { request, _ in
            let body = try await RequestBodies.json(CreateKey.self, from: request, limit: dependencies.configuration.maxJSONBytes)
            let sandbox = body.sandbox ?? false
            if body.scope == .institution, let institution = body.institution, !institution.isEmpty,
               try dependencies.keys.institution(institution) == nil {
                throw ErrorReply(code: .institutionNotOnboarded, message: "institution was never onboarded (POST /v1/institutions first)",
                                 field: "institution")
            }
            let key = try dependencies.keys.create(institution: body.institution, scope: body.scope, label: body.label ?? "",
                                                   now: dependencies.clock.now, sandbox: sandbox)
            return try Responses.json(CreatedKey(keyId: GatewayKeys.keyId(of: key), key: key, scope: body.scope,
                                                 institution: body.institution, sandbox: sandbox), status: .created)
        }
        routes.add(.delete, "/v1/keys/{keyId}", .operator) { _, context in
            guard try dependencies.authenticator.revoke(keyId: try context.parameter("keyId"), now: dependencies.clock.now) else {
                throw Problem.notFound("key")
            }
            return Response(status: .noContent)
        }
    }
}
