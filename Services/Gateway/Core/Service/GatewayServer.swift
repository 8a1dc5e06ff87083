import Bus
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// The running HTTP side of the gateway: a Hummingbird application over the gateway's routes.
/// Start it in-process with port 0 and read the bound port back with `port()`.
public final class GatewayServer: Service, Sendable {
    let dependencies: GatewayDependencies
    /// Method and path template of every registered route (the OpenAPI test compares them).
    public let routes: [(method: String, path: String)]
    let application: Application<RouterResponder<GatewayContext>>

    /// Key management on this gateway's store (seed institution and operator keys).
    public var keys: GatewayKeys { dependencies.keys }

    public init(environment: ServiceEnvironment, configuration: GatewayConfiguration, metrics: GatewayMetrics = .shared) throws {
        let dependencies = try GatewayDependencies(environment: environment, configuration: configuration, metrics: metrics)
        self.dependencies = dependencies
        let router = GatewayRoutes.makeRouter(dependencies: dependencies)
        routes = router.routes.map { (method: $0.method.rawValue, path: $0.path.description) }
        var logger = environment.logger
        logger.logLevel = max(logger.logLevel, .notice)
        let bound = PortWaiter()
        application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                    serverName: "songdal-gateway"),
            onServerRunning: { channel in bound.bound(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
        self.boundState = bound
    }

    private let boundState: PortWaiter

    public func run() async throws {
        let sweeper = StagingSweeper(directory: dependencies.staging, clock: dependencies.clock, logger: dependencies.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await sweeper.run() }
            group.addTask { try await self.application.run() }
            // The server ending (shutdown) ends the sweeper too.
            try await group.next()
            group.cancelAll()
        }
    }

    /// The port the server listens on, once it does (waits for the bind).
    public func port() async -> Int { await boundState.port() }
}

/// The bound port, once known, and whoever waits for it.
final class PortWaiter: Sendable {
    private let state = Mutex<(port: Int?, waiters: [CheckedContinuation<Int, Never>])>((nil, []))

    func bound(_ port: Int) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int, Never>] in
            state.port = port
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: port) }
    }

    func port() async -> Int {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Int? in
                if let port = state.port { return port }
                state.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
