import Bus
import Foundation
import Logging
import Runtime
import Schema
import Store
import ZeroMQ

/// A broker and endpoints in one process on `inproc://` — the shape of the test cluster, built
/// here because a library cannot depend on the testing module.
final class BenchmarkBus: Sendable {
    let context: Context
    let broker: Broker
    let endpoint: String
    let directory: URL
    let clock: FakeWallClock
    let logger: Logger

    init(directory: URL, clock: FakeWallClock) throws {
        self.directory = directory
        self.clock = clock
        var logger = Logger(label: "billing-bench")
        logger.logLevel = .error
        self.logger = logger
        context = try Context()
        endpoint = "inproc://billing-bench-\(UUID().uuidString)"
        broker = try Broker(configuration: BrokerConfiguration(endpoint: endpoint), context: context, logger: logger)
        try broker.start()
    }

    /// An endpoint over its own store in `directory/<service>/`.
    func member(_ service: String, registry: MessageRegistry, migrations: [Migration]) throws -> BusEndpoint {
        let store = try ServiceStore(directory: directory.appendingPathComponent(service), service: service, migrations: migrations)
        let clock = self.clock
        return try BusEndpoint(configuration: EndpointConfiguration(service: service, brokerEndpoint: endpoint), store: store,
                               registry: registry, context: context, logger: logger, now: { clock.now })
    }

    func environment(for endpoint: BusEndpoint, settings: [String: String]) -> ServiceEnvironment {
        ServiceEnvironment(endpoint: endpoint, store: endpoint.store, clock: clock,
                           calendar: BusinessCalendar(holidays: [:], coveredYears: 2000...2100), logger: logger,
                           directory: directory.appendingPathComponent(endpoint.configuration.service), settings: settings)
    }

    func stop() { broker.stop() }
}
