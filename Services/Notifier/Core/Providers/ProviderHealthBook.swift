import Foundation
import Logging
import Schema
import Synchronization

/// Per-provider error counting with automatic failover and recovery (NO-10).
///
/// `threshold` consecutive errors take a provider out of rotation; after `probeSeconds` (service
/// clock) one message is let through as a probe, and its success puts it back. Every switch is
/// logged with its reason and kept for the health report.
final class ProviderHealthBook: Sendable {
    struct Entry: Sendable {
        var up = true
        var consecutiveErrors = 0
        var totalErrors = 0
        var totalSent = 0
        var nextProbe: Date?
        var lastSwitch: ProviderSwitch?
    }

    let threshold: Int
    let probeSeconds: TimeInterval
    private let logger: Logger
    private let entries = Mutex<[String: Entry]>([:])
    private let switches = Mutex<[ProviderSwitch]>([])

    init(threshold: Int, probeSeconds: TimeInterval, logger: Logger) {
        self.threshold = max(1, threshold)
        self.probeSeconds = probeSeconds
        self.logger = logger
    }

    /// Whether `provider` may be tried now: up, or down with its probe due (the probe is claimed).
    func mayTry(_ provider: String, now: Date) -> Bool {
        entries.withLock { table in
            let entry = table[provider] ?? Entry()
            if entry.up { return true }
            guard let probe = entry.nextProbe, now >= probe else { return false }
            table[provider, default: Entry()].nextProbe = now.addingTimeInterval(probeSeconds)
            return true
        }
    }

    func succeeded(_ provider: String, now: Date) {
        let change: ProviderSwitch? = entries.withLock { table in
            var entry = table[provider] ?? Entry()
            entry.totalSent += 1
            entry.consecutiveErrors = 0
            var change: ProviderSwitch?
            if !entry.up {
                entry.up = true
                entry.nextProbe = nil
                change = ProviderSwitch(provider: provider, to: "up", at: now, reason: "probe succeeded")
                entry.lastSwitch = change
            }
            table[provider] = entry
            return change
        }
        if let change { record(change) }
    }

    func failed(_ provider: String, reason: String, now: Date) {
        let change: ProviderSwitch? = entries.withLock { table in
            var entry = table[provider] ?? Entry()
            entry.totalErrors += 1
            entry.consecutiveErrors += 1
            var change: ProviderSwitch?
            if entry.up, entry.consecutiveErrors >= threshold {
                entry.up = false
                change = ProviderSwitch(provider: provider, to: "down", at: now,
                                        reason: "\(entry.consecutiveErrors) consecutive errors: \(reason)")
                entry.lastSwitch = change
            }
            if !entry.up { entry.nextProbe = now.addingTimeInterval(probeSeconds) }
            table[provider] = entry
            return change
        }
        if let change { record(change) }
    }

    private func record(_ change: ProviderSwitch) {
        switches.withLock { list in
            list.append(change)
            if list.count > 200 { list.removeFirst(list.count - 200) }
        }
        logger.warning("provider switch", metadata: ["provider": "\(change.provider)", "to": "\(change.to)", "reason": "\(change.reason)"])
    }

    func entry(_ provider: String) -> Entry { entries.withLock { $0[provider] ?? Entry() } }
    var recentSwitches: [ProviderSwitch] { switches.withLock { $0 } }
}
