import Foundation
import Synchronization

/// Looks presented keys up, remembering answers briefly so the hot path (a submission) does not
/// read SQLite for every request. A cached entry lives `ttlSeconds`, so a revocation takes
/// effect within that time.
final class KeyAuthenticator: Sendable {
    private let keys: GatewayKeys
    private let ttl: TimeInterval
    private let cache = Mutex<[String: (principal: Principal?, until: Date)]>([:])

    init(keys: GatewayKeys, ttlSeconds: TimeInterval = 30) {
        self.keys = keys
        self.ttl = ttlSeconds
    }

    func principal(for presented: String, now: Date) throws -> Principal? {
        if let hit = cache.withLock({ $0[presented] }), hit.until > now { return hit.principal }
        let principal = try keys.principal(for: presented)
        cache.withLock { table in
            // A flood of random keys must not grow memory without bound.
            if table.count > 10_000 { table.removeAll(keepingCapacity: true) }
            table[presented] = (principal, now.addingTimeInterval(ttl))
        }
        return principal
    }
}
