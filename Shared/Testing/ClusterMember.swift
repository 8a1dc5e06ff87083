import Bus
import Foundation
import Logging
import Runtime
import Schema
import ServiceLifecycle
import Store

/// A service as the test cluster runs it: its bus name, store migrations, the message types it
/// speaks, and how to build its handlers and long-running parts around its endpoint.
public struct ClusterMember: Sendable {
    public var service: String
    public var instance: String
    public var migrations: [Migration]
    public var registry: MessageRegistry
    /// Page size of the member's store when it is created.
    public var storePageSize: Int
    /// Tunes the endpoint (shorter retry timers in tests, say) before it starts.
    public var tune: @Sendable (inout EndpointConfiguration) -> Void
    /// Registers handlers on the endpoint and returns the service's other long-running parts.
    public var build: @Sendable (ServiceEnvironment) async throws -> [any Service]

    public init(
        service: String, instance: String = "1", migrations: [Migration] = [], registry: MessageRegistry,
        storePageSize: Int = StoreConfiguration.defaultPageSize,
        tune: @escaping @Sendable (inout EndpointConfiguration) -> Void = { _ in },
        build: @escaping @Sendable (ServiceEnvironment) async throws -> [any Service]
    ) {
        self.service = service
        self.instance = instance
        self.migrations = migrations
        self.registry = registry
        self.storePageSize = storePageSize
        self.tune = tune
        self.build = build
    }
}

extension ClusterMember {
    /// The member for a service definition: exactly what its executable runs.
    public init(_ definition: any ServiceDefinition.Type, instance: String = "1",
                tune: @escaping @Sendable (inout EndpointConfiguration) -> Void = { _ in }) {
        self.init(service: definition.name, instance: instance, migrations: definition.migrations,
                  registry: definition.registry, storePageSize: definition.storePageSize, tune: tune, build: { try await definition.build($0) })
    }
}
