import Foundation
import Hummingbird
import Schema

/// What the simulated carriers "delivered" to a phone (operator scope): how the demo, the
/// tests and an operator trying the platform read a recipient's link and OTP. The phone goes in
/// the body, never the URL (X-3: no personal data in URLs).
struct SimulatorRoutes {
    let dependencies: GatewayDependencies

    struct Body: Decodable {
        var phone: String
        var limit: Int?
    }

    func register(_ routes: RouteRegistrar) {
        let dependencies = self.dependencies
        routes.add(.post, "/v1/simulator/inbox", .operator) { request, _ in
            let body = try await RequestBodies.json(Body.self, from: request, limit: dependencies.configuration.maxJSONBytes)
            guard body.limit.map({ (1...1_000).contains($0) }) ?? true else {
                throw Problem.invalid(.invalidField, "limit must be 1…1000", field: "limit")
            }
            return try Responses.json(try await dependencies.ask(CarrierInboxQuery(phone: body.phone, limit: body.limit)))
        }
    }
}
