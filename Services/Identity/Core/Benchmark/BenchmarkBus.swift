import Bus
import Foundation
import Logging
import Runtime
import Schema
import Store
import ZeroMQ

/// A broker and two endpoints in one process on `inproc://` — what `TestCluster` does, kept here
/// because the benchmark ships in Core, which does not link the testing module.
final class BenchmarkBus: Sendable {
    let broker: Broker
    let identity: BusEndpoint
    let client: BusEndpoint
    private let tasks: [Task<Void, Never>]

    init(store: ServiceStore, clientStore: ServiceStore, directory: URL, settings: [String: String]) async throws {
        let context = try Context()
        var logger = Logger(label: "identity-bench")
        logger.logLevel = .error
        let endpointName = "inproc://identity-bench-\(UUID().uuidString)"
        broker = try Broker(configuration: BrokerConfiguration(endpoint: endpointName), context: context, logger: logger)
        try broker.start()
        let clock = SystemWallClock()
        identity = try BusEndpoint(
            configuration: EndpointConfiguration(service: IdentityService.name, brokerEndpoint: endpointName),
            store: store, registry: IdentityService.registry, context: context, logger: logger, now: { clock.now })
        client = try BusEndpoint(
            configuration: EndpointConfiguration(service: "notifier", brokerEndpoint: endpointName),
            store: clientStore, registry: IdentityService.registry, context: context, logger: logger, now: { clock.now })
        let parts = try await IdentityService.build(ServiceEnvironment(
            endpoint: identity, store: store, clock: clock,
            calendar: BusinessCalendar(holidays: [:], coveredYears: 2000...2100), logger: logger,
            directory: directory, settings: settings))
        let identity = self.identity
        let client = self.client
        tasks = [Task { try? await identity.run() }, Task { try? await client.run() }]
            + parts.map { part in Task { try? await part.run() } }
    }

    func shutdown() async {
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        broker.stop()
    }
}
