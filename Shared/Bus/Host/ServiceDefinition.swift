import Schema
import ServiceLifecycle
import Store

/// A service as one value: its bus name, its store's migrations, the messages it speaks, and how
/// to build it around an endpoint. The executable (`ServiceHost.main`) and the test cluster both
/// run it from this, so what is tested is what ships.
public protocol ServiceDefinition {
    /// Bus name, also the store's file name: `identity` → `identity.sqlite`.
    static var name: String { get }
    static var migrations: [Migration] { get }
    static var registry: MessageRegistry { get }
    /// Page size of the service's store when it is created (`StoreConfiguration.pageSize`).
    static var storePageSize: Int { get }
    /// Registers handlers on `environment.endpoint`; returns the service's other long-running
    /// parts (schedulers, sweepers), run beside the endpoint.
    static func build(_ environment: ServiceEnvironment) async throws -> [any Service]
}

extension ServiceDefinition {
    /// SQLite's default, unless a service's write pattern asks for more.
    public static var storePageSize: Int { StoreConfiguration.defaultPageSize }
}
