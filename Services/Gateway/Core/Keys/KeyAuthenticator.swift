import Foundation
import Synchronization

/// Looks presented keys up, remembering answers briefly so the hot path (a submission) does not
/// read SQLite for every request. A cached entry lives `ttlSeconds`; a revocation through
/// `revoke(keyId:now:)` (the only way the gateway revokes) drops the key's entries at once, so it
/// takes effect on the next request everywhere the gateway checks a key (API routes, dashboard
/// login; dashboard sessions read `revoked_at` on every request).
final class KeyAuthenticator: Sendable {
    private let keys: GatewayKeys
    private let ttl: TimeInterval
    private struct State {
        var table: [String: (principal: Principal?, until: Date)] = [:]
        /// Bumped by every revocation: a lookup that started before one does not cache its answer.
        var generation: UInt64 = 0
    }
    private let cache = Mutex(State())

    init(keys: GatewayKeys, ttlSeconds: TimeInterval = 30) {
        self.keys = keys
        self.ttl = ttlSeconds
    }

    func principal(for presented: String, now: Date) throws -> Principal? {
        let (hit, generation) = cache.withLock { ($0.table[presented], $0.generation) }
        if let hit, hit.until > now { return hit.principal }
        let principal = try keys.principal(for: presented)
        cache.withLock { state in
            // A revocation ran while we read: the answer may be stale, so do not remember it.
            guard state.generation == generation else { return }
            // A flood of random keys must not grow memory without bound.
            if state.table.count > 10_000 { state.table.removeAll(keepingCapacity: true) }
            state.table[presented] = (principal, now.addingTimeInterval(ttl))
        }
        return principal
    }

    /// Revokes a key in the store and forgets every cached answer for it; answers whether one
    /// was revoked.
    @discardableResult
    func revoke(keyId: String, now: Date) throws -> Bool {
        let revoked = try keys.revoke(keyId: keyId, now: now)
        cache.withLock { state in
            state.generation &+= 1
            state.table = state.table.filter { $0.value.principal?.keyId != keyId }
        }
        return revoked
    }
}
