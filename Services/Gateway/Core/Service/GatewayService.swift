import Bus
import Schema
import ServiceLifecycle
import Store

/// The gateway as a bus service (DESIGN §1): its store holds API keys and sessions; `build`
/// returns the HTTP server, which talks to the other services only over the bus.
public enum GatewayService: ServiceDefinition {
    public static let name = "gateway"
    public static var migrations: [Migration] { GatewayMigrations.all }
    public static var registry: MessageRegistry { MessageRegistry(GatewayRegistry.all) }

    public static func build(_ environment: ServiceEnvironment) async throws -> [any Service] {
        let configuration = try GatewayConfiguration(settings: environment.settings)
        if let key = environment.setting("bootstrap-operator-key"), !key.isEmpty {
            // Compose passes the first operator key as a secret; only its hash is stored.
            let added = try GatewayKeys(store: environment.store).ensure(
                plaintext: key, scope: .operator, label: "bootstrap", now: environment.clock.now)
            environment.logger.notice("bootstrap operator key", metadata: ["added": "\(added)"])
        }
        return [try GatewayServer(environment: environment, configuration: configuration)]
    }
}
