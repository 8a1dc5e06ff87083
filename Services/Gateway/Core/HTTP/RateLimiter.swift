import Foundation
import Synchronization

/// A token bucket per API key (in memory: the gateway is stateless, each instance limits what it
/// serves). Time comes from the service clock, so tests drive it with the fake clock.
final class RateLimiter: Sendable {
    private struct Bucket { var tokens: Double; var at: Date }
    private let rate: Double
    private let burst: Double
    private let buckets = Mutex<[String: Bucket]>([:])

    init(perSecond rate: Double, burst: Double) {
        self.rate = rate
        self.burst = max(1, burst)
    }

    /// Takes one token; returns nil when allowed, else the seconds until one is available.
    func take(_ key: String, now: Date) -> Int? {
        buckets.withLock { table in
            var bucket = table[key] ?? Bucket(tokens: burst, at: now)
            let elapsed = max(0, now.timeIntervalSince(bucket.at))
            bucket.tokens = min(burst, bucket.tokens + elapsed * rate)
            bucket.at = now
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                table[key] = bucket
                return nil
            }
            table[key] = bucket
            return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up)))
        }
    }
}
