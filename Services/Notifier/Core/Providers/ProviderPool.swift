import Foundation
import Logging
import Schema

/// Sends a message down its channel chain (NO-3): for each channel the providers that carry it —
/// the recipient's own carrier first — with failover between providers on errors (NO-10) and
/// fallback to the next channel when the handset refuses one (RCS → MMS, KakaoTalk → SMS/LMS).
struct ProviderPool: Sendable {
    let providers: [any ChannelProvider]
    let health: ProviderHealthBook

    /// The result of one delivery attempt over the chain.
    enum Result: Sendable, Equatable {
        /// Delivered, with the carrier's receipt (the justification of `delivered`, X-6).
        case delivered(channel: NoticeChannel, provider: String, receipt: CarrierReceipt)
        case accepted(channel: NoticeChannel, provider: String)
        /// Nothing could take it now (providers down): try again later.
        case retry(String)
        /// Every channel refused it for this handset.
        case undeliverable(String)
    }

    /// Tries `chain` in order; `compose` gives the message for a channel (nil: it does not fit).
    /// `events` collects fallbacks and failovers for the timeline.
    func deliver(chain: [NoticeChannel], carrier: Carrier?, now: Date, events: inout [String],
                 compose: (NoticeChannel) -> OutboundMessage?) async -> Result {
        var sawOutage = false
        var lastRejection = "no channel fits"
        for channel in chain {
            guard let message = compose(channel) else { continue }
            var refused = false
            for provider in candidates(for: channel, carrier: carrier) {
                guard health.mayTry(provider.name, now: now) else { sawOutage = true; continue }
                do {
                    let outcome = try await provider.send(message, now: now)
                    health.succeeded(provider.name, now: now)
                    switch outcome {
                    case .delivered(let receipt): return .delivered(channel: channel, provider: provider.name, receipt: receipt)
                    case .accepted: return .accepted(channel: channel, provider: provider.name)
                    }
                } catch {
                    switch error {
                    case .unavailable(let reason):
                        sawOutage = true
                        health.failed(provider.name, reason: reason, now: now)
                        events.append("failover \(provider.name): \(reason)")
                    case .rejected(let reason):
                        health.succeeded(provider.name, now: now)
                        lastRejection = reason
                        refused = true
                    }
                }
                if refused { break }
            }
            if channel != chain.last { events.append("fallback from \(channel.rawValue): \(refused ? lastRejection : "no provider up")") }
        }
        return sawOutage ? .retry("no provider available") : .undeliverable(lastRejection)
    }

    /// Providers of `channel`, the recipient's carrier first, then the others in ID-2 priority order.
    func candidates(for channel: NoticeChannel, carrier: Carrier?) -> [any ChannelProvider] {
        providers.filter { $0.channels.contains(channel) }.sorted { lhs, rhs in
            let left = lhs.carrier == carrier ? -1 : (lhs.carrier?.priority ?? 9)
            let right = rhs.carrier == carrier ? -1 : (rhs.carrier?.priority ?? 9)
            return left < right
        }
    }

    func report() -> ProviderHealthReport {
        ProviderHealthReport(providers: providers.map { provider in
            let entry = health.entry(provider.name)
            return ProviderHealth(
                name: provider.name, kind: provider.kind, channels: provider.channels.sorted { $0.rawValue < $1.rawValue },
                up: entry.up, consecutiveErrors: entry.consecutiveErrors, totalErrors: entry.totalErrors,
                totalSent: entry.totalSent, lastSwitch: entry.lastSwitch)
        }, switches: health.recentSwitches)
    }
}
