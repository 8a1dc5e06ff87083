import Foundation
import HTTPTypes
import Hummingbird

/// Registers routes with their access rule, so authentication, scope and the rate limit are
/// applied the same way everywhere and no route can forget them.
struct RouteRegistrar {
    typealias Handler = @Sendable (Request, GatewayContext) async throws -> Response
    let router: Router<GatewayContext>
    let dependencies: GatewayDependencies

    /// `sandboxKeys`: whether a sandbox key may call the route — only those that store a
    /// document, send or follow a notice, or read usage do; anything else that would bill or
    /// reach the outside world answers 403 `sandbox_key_not_allowed`.
    func add(_ method: HTTPRequest.Method, _ path: String, _ access: Access, sandboxKeys: Bool = false,
             _ handler: @escaping Handler) {
        let dependencies = self.dependencies
        router.on(RouterPath(path), method: method) { request, context -> Response in
            var context = context
            if access != .open {
                let principal = try Self.authenticate(request, dependencies: dependencies)
                guard access.allows(principal.scope) else {
                    throw Problem(.forbidden, code: .insufficientScope,
                                  detail: "a \(principal.scope.rawValue) key may not call this route")
                }
                guard !principal.sandbox || sandboxKeys else {
                    throw Problem(.forbidden, code: .sandboxKeyNotAllowed,
                                  detail: "a sandbox key may only store documents, send and follow notices, and read usage; use a live key")
                }
                if let wait = dependencies.limiter.take(principal.keyId, now: dependencies.clock.now) {
                    throw Problem(.tooManyRequests, code: .rateLimited, detail: "too many requests for this key",
                                  headers: ["Retry-After": String(wait)])
                }
                context.principal = principal
            }
            return try await handler(request, context)
        }
    }

    /// `Authorization: Bearer <key>` or `X-API-Key: <key>`.
    static func authenticate(_ request: Request, dependencies: GatewayDependencies) throws -> Principal {
        guard let presented = presentedKey(request) else {
            throw Problem(.unauthorized, code: .missingAPIKey, detail: "send the API key as 'Authorization: Bearer <key>'",
                          headers: ["WWW-Authenticate": "Bearer"])
        }
        guard let principal = try dependencies.authenticator.principal(for: presented, now: dependencies.clock.now) else {
            throw Problem(.unauthorized, code: .invalidAPIKey, detail: "the API key is unknown or revoked",
                          headers: ["WWW-Authenticate": "Bearer error=\"invalid_token\""])
        }
        return principal
    }

    static func presentedKey(_ request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]).trimmingCharacters(in: .whitespaces) }
            return nil
        }
        return request.headers[HTTPField.Name("X-API-Key")!]
    }
}

extension Access: Equatable {}
