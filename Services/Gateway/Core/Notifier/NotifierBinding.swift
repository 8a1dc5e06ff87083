import Foundation
import Schema

/// Where the gateway meets the notifier's contract: its message types, its routes, and the
/// `/healthz` probe.
enum NotifierBinding {
    static var messageTypes: [MessageType] { NotifierContract.messageTypes }

    static func register(_ routes: RouteRegistrar, dependencies: GatewayDependencies) {
        NoticeRoutes(dependencies: dependencies).register(routes)
        CampaignRoutes(dependencies: dependencies).register(routes)
        RecipientRoutes(dependencies: dependencies).register(routes)
        routes.add(.get, "/v1/providers", .oversight) { _, _ in
            try Responses.json(try await dependencies.ask(ProviderHealthQuery()))
        }
    }

    static func probe(_ dependencies: GatewayDependencies, timeoutMilliseconds: Int) async throws {
        _ = try await dependencies.ask(ProviderHealthQuery(), timeoutMilliseconds: timeoutMilliseconds)
    }
}
