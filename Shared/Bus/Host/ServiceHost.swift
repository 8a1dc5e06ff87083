import ArgumentParser
import Foundation
import Logging
import Runtime
import ServiceLifecycle
import Store
import ZeroMQ

/// The `@main` of every service executable: flags and `SONGDAL_*` environment, logging, the
/// calendar, the store, the bus endpoint (CURVE on tcp unless `--insecure`), then the service's
/// own parts — all under one ServiceGroup with graceful SIGTERM/SIGINT.
public enum ServiceHost {
    public static func main(_ definition: any ServiceDefinition.Type, arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        let options: ServiceOptions
        do {
            options = try ServiceOptions.parse(arguments)
        } catch {
            ServiceOptions.exit(withError: error)
        }
        await ServiceMain.run(service: definition.name, options: options) { context in
            let configuration = context.configuration
            var storeConfiguration = StoreConfiguration(path: configuration.storePath)
            storeConfiguration.pageSize = definition.storePageSize
            let store = try ServiceStore(configuration: storeConfiguration, migrations: definition.migrations)
            var endpointConfiguration = EndpointConfiguration(
                service: configuration.service, instance: configuration.instance,
                brokerEndpoint: configuration.busEndpoint, security: try security(for: configuration))
            if let batch = configuration.setting("dispatch-batch").flatMap(Int.init) { endpointConfiguration.dispatchBatch = batch }
            let clock = context.clock
            let endpoint = try BusEndpoint(
                configuration: endpointConfiguration, store: store, registry: definition.registry,
                context: try Context(), logger: context.logger, now: { clock.now })
            let environment = ServiceEnvironment(
                endpoint: endpoint, store: store, clock: clock, calendar: context.calendar, logger: context.logger,
                directory: configuration.dataDirectory.appendingPathComponent(configuration.service),
                settings: configuration.settings)
            return [endpoint] + (try await definition.build(environment))
        }
    }

    /// CURVE client keys for tcp, unless the operator chose `--insecure`; nothing for ipc/inproc.
    public static func security(for configuration: ServiceConfiguration) throws -> BusSecurity {
        guard configuration.busEndpoint.hasPrefix("tcp://"), !configuration.insecure else { return .none }
        let keys = try BusKeys.loadOrCreate(configuration.service, in: configuration.keysDirectory)
        return .curveClient(keys: keys, serverPublicKey: try BusKeys.brokerPublicKey(in: configuration.keysDirectory))
    }
}
