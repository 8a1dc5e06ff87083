import Foundation
import Hummingbird

/// The outermost layer: times every request, turns every thrown error into a problem+json
/// response (also for unknown routes and over-large bodies), and adds CORS headers only for the
/// origins configured (none by default).
struct GatewayMiddleware: RouterMiddleware {
    typealias Context = GatewayContext
    let dependencies: GatewayDependencies

    func handle(_ request: Request, context: GatewayContext, next: (Request, GatewayContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let origin = allowedOrigin(request)
        var response: Response
        if request.method == .options, let origin {
            response = Response(status: .noContent)
            response.headers[.accessControlAllowMethods] = "GET, POST, PUT, DELETE"
            response.headers[.accessControlAllowHeaders] = "Authorization, Content-Type, Idempotency-Key, X-API-Key"
            response.headers[.accessControlAllowOrigin] = origin
        } else {
            do {
                let screened = try await InputText.screen(request, jsonLimit: dependencies.configuration.maxJSONBytes)
                response = try await next(screened, context)
            } catch {
                let problem = ProblemMapping.problem(for: error)
                if problem.status == .internalServerError {
                    dependencies.logger.error("unhandled gateway error", metadata: [
                        "route": "\(context.endpointPath ?? "unmatched")", "error": "\(type(of: error))",
                    ])
                }
                response = problem.makeResponse()
            }
        }
        if let origin {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.vary] = "Origin"
        }
        dependencies.metrics.request(route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
                                     status: Int(response.status.code), duration: ContinuousClock.now - started)
        return response
    }

    private func allowedOrigin(_ request: Request) -> String? {
        let origins = dependencies.configuration.corsOrigins
        guard !origins.isEmpty, let origin = request.headers[.origin] else { return nil }
        return origins.contains(origin) || origins.contains("*") ? origin : nil
    }
}
