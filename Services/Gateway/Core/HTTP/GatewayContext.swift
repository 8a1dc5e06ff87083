import Hummingbird

/// The per-request context: Hummingbird's core storage plus the authenticated caller.
struct GatewayContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Set by the route wrapper once the key (or dashboard cookie) checked out.
    var principal: Principal?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        principal = nil
    }

    /// The principal of a route that required one (the wrapper guarantees it is set).
    func caller() throws -> Principal {
        guard let principal else { throw Problem(.unauthorized, code: .missingAPIKey, detail: "an API key is required") }
        return principal
    }

    /// The institution of an institution key.
    func institution() throws -> String {
        guard let institution = principal?.institution else {
            throw Problem(.forbidden, code: .insufficientScope, detail: "this route needs an institution key")
        }
        return institution
    }

    /// A path parameter, which the router guarantees for its own routes.
    func parameter(_ name: String) throws -> String {
        guard let value = parameters.get(name), !value.isEmpty, value.utf8.count <= 256 else {
            throw Problem.badRequest(.invalidParameter, "\(name) is missing or too long", field: name)
        }
        return value
    }
}
