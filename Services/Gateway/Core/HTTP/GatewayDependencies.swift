import Bus
import Foundation
import Logging
import Runtime
import Schema
import Store

/// What every route needs, built once per server from the service environment.
final class GatewayDependencies: Sendable {
    let endpoint: BusEndpoint
    let store: ServiceStore
    let clock: any WallClock
    /// The business calendar the gateway loaded (the dashboard warns when it runs out).
    let calendar: BusinessCalendar
    let configuration: GatewayConfiguration
    let keys: GatewayKeys
    let authenticator: KeyAuthenticator
    let limiter: RateLimiter
    let metrics: GatewayMetrics
    let logger: Logger
    /// Where uploads are staged before the vault or identity reads them (same host).
    let staging: URL

    init(environment: ServiceEnvironment, configuration: GatewayConfiguration, metrics: GatewayMetrics) throws {
        endpoint = environment.endpoint
        store = environment.store
        clock = environment.clock
        calendar = environment.calendar
        self.configuration = configuration
        keys = GatewayKeys(store: environment.store)
        authenticator = KeyAuthenticator(keys: keys)
        limiter = RateLimiter(perSecond: configuration.rateLimitPerSecond, burst: configuration.rateLimitBurst)
        self.metrics = metrics
        logger = environment.logger
        // Absolute, because another process (with another working directory) opens the path.
        let folder = configuration.stagingDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? environment.directory.appendingPathComponent("staging", isDirectory: true)
        staging = folder.path.hasPrefix("/") ? folder
            : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(folder.path, isDirectory: true)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Asks a service over the bus, timing the round trip for `/metrics`.
    func ask<R: BusRequest>(_ request: R, timeoutMilliseconds: Int? = nil) async throws -> R.Reply {
        let started = ContinuousClock.now
        let service = R.messageType.handler ?? "?"
        do {
            let reply = try await endpoint.request(request, timeoutMilliseconds: timeoutMilliseconds ?? configuration.busTimeoutMilliseconds)
            metrics.busRoundTrip(service: service, type: R.messageType.name, outcome: "ok", duration: ContinuousClock.now - started)
            return reply
        } catch let error as BusError {
            let outcome: String = if case .rejected = error { "rejected" } else { "failed" }
            metrics.busRoundTrip(service: service, type: R.messageType.name, outcome: outcome, duration: ContinuousClock.now - started)
            throw error
        }
    }
}
