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
        return [try GatewayServer(environment: environment, configuration: configuration)]
    }
}
