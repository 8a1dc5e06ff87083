import Schema
import Foundation
import Logging
import Runtime
import ServiceLifecycle
import Store

/// Signs a checkpoint whenever the log grew (batch checkpoints: one signature and one
/// time-stamp for everything appended since the last). Certificates sign one on demand too.
public struct CheckpointService: Service {
    let vault: VaultContext
    let store: ServiceStore
    let clock: any WallClock
    let logger: Logger
    let interval: Duration

    public init(vault: VaultContext, store: ServiceStore, clock: any WallClock, logger: Logger, interval: Duration = .seconds(1)) {
        self.vault = vault
        self.store = store
        self.clock = clock
        self.logger = logger
        self.interval = interval
    }

    public func run() async throws {
        await PollingLoop.run(idle: interval, onError: { logger.error("checkpoint failed", metadata: ["error": "\($0)"]) }) {
            try await tick()
            return false
        }
    }

    /// Signs a checkpoint if the log grew.
    public func tick() async throws {
        let now = clock.now
        try await store.pool.write { db in _ = try vault.checkpoints.checkpoint(now: now, in: db) }
    }
}
