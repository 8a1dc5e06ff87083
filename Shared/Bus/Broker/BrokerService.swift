import Logging
import ServiceLifecycle

/// The broker as a lifecycle `Service`: starts routing, waits for graceful shutdown, stops.
public struct BrokerService: Service {
    public let broker: Broker

    public init(broker: Broker) { self.broker = broker }

    public func run() async throws {
        try broker.start()
        try? await gracefulShutdown()
        broker.stop()
    }
}
