import Bus
import Foundation
import ServiceLifecycle
import Synchronization

/// Holds the server a cluster member built, so an in-process test (or `songdal up`) can reach
/// it: `ClusterMember(service: GatewayService.name, migrations: GatewayService.migrations,
/// registry: GatewayService.registry, build: handle.build)`, then `await handle.port()`.
public final class GatewayHandle: Sendable {
    private let configuration: GatewayConfiguration?
    private let built = Mutex<GatewayServer?>(nil)

    /// `configuration` overrides the settings (e.g. port 0); nil reads them from the environment.
    public init(configuration: GatewayConfiguration? = nil) {
        self.configuration = configuration
    }

    /// The `build` of a cluster member running the gateway.
    public func build(_ environment: ServiceEnvironment) async throws -> [any Service] {
        let configuration = try self.configuration ?? GatewayConfiguration(settings: environment.settings)
        let server = try GatewayServer(environment: environment, configuration: configuration)
        built.withLock { $0 = server }
        return [server]
    }

    /// The server built last (after a restart, the new one).
    public var server: GatewayServer? { built.withLock { $0 } }

    /// The bound port of the running server.
    public func port() async throws -> Int {
        guard let server else { throw GatewayHandleError.notBuilt }
        return await server.port()
    }

    /// Seeds a key on the running gateway's store; returns the plaintext.
    public func createKey(institution: String?, scope: APIKeyScope, label: String = "", sandbox: Bool = false) throws -> String {
        guard let server else { throw GatewayHandleError.notBuilt }
        if scope == .institution, let institution { try server.keys.registerInstitution(institution) }
        return try server.keys.create(institution: institution, scope: scope, label: label, sandbox: sandbox)
    }
}

extension GatewayHandle {
    /// Registers an institution as known to the running gateway (so `POST /v1/keys` issues keys
    /// for it) without onboarding it.
    public func registerInstitution(_ institution: String) throws {
        guard let server else { throw GatewayHandleError.notBuilt }
        try server.keys.registerInstitution(institution)
    }
}

/// Misuse of a `GatewayHandle`.
public enum GatewayHandleError: Error, Sendable {
    /// The cluster member was not started yet.
    case notBuilt
}
