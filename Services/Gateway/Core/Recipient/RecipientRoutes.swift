import Foundation
import Hummingbird
import Schema

/// The recipient's walk (SPEC NO-5): cover → request OTP → enter code → consent → view → file.
/// Plain forms, POST then redirect (303); the session cookie is HttpOnly, SameSite=Strict and
/// scoped to this token's path. The token is never logged (metrics use the route template).
struct RecipientRoutes {
    let dependencies: GatewayDependencies

    func register(_ routes: RouteRegistrar) {
        let flow = RecipientFlow(dependencies: dependencies)
        routes.add(.get, "/r/{token}", .open) { _, context in try await flow.page(context) { try await flow.cover($0) } }
        routes.add(.post, "/r/{token}/otp", .open) { _, context in try await flow.page(context) { try await flow.requestCode($0) } }
        routes.add(.get, "/r/{token}/code", .open) { _, context in
            try await flow.page(context) { Responses.html(RecipientPages.codeForm($0)) }
        }
        routes.add(.post, "/r/{token}/code", .open) { request, context in
            try await flow.page(context) { try await flow.checkCode($0, form: try await FormBody.read(request)) }
        }
        routes.add(.get, "/r/{token}/terms", .open) { request, context in
            try await flow.page(context) { try await flow.terms($0, request: request) }
        }
        routes.add(.post, "/r/{token}/terms", .open) { request, context in
            try await flow.page(context) { try await flow.consent($0, request: request, form: try await FormBody.read(request)) }
        }
        routes.add(.get, "/r/{token}/document", .open) { request, context in
            try await flow.page(context) { try await flow.document($0, request: request) }
        }
        routes.add(.get, "/r/{token}/file", .open) { request, context in
            try await flow.page(context) { try await flow.file($0, request: request) }
        }
    }
}
