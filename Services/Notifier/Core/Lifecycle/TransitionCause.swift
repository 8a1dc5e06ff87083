import Foundation
import Schema

/// The event that justifies a transition (NO-2, X-6), recorded with it in the notice's timeline.
enum TransitionCause: Sendable, Hashable {
    /// Handed to the providers (attempt number; the line identity resolved it to, if it was resolved now).
    case dispatched(attempt: Int, line: ResolvedLine?)
    /// Outside the sending window (NO-4): due at the next opening.
    case windowClosed(until: Date, line: ResolvedLine?)
    /// No provider could take it now (NO-10): due again after the back-off.
    case retry(reason: String, next: Date)
    /// Caught in `sending` by a restart: goes again with the same reference (NO-8).
    case interrupted(due: Date)
    /// A provider took the message.
    case providerAccepted(provider: String, channel: NoticeChannel?)
    /// The carrier confirmed delivery: the only cause `delivered` accepts.
    case carrierReceipt(CarrierReceipt)
    /// The recipient's first view of the document (NO-5).
    case firstView
    /// Identity found no deliverable line (ID-2).
    case noLine(reason: String)
    /// An end with a reason code: `document_not_found`, `undeliverable`, `cancelled`, `timeout`,
    /// or a provider's failure receipt. `detail` is kept on the timeline, never personal data.
    case failure(reason: String, detail: String?)
    /// The read deadline passed unread.
    case deadlinePassed

    /// The event's name on the timeline.
    var name: String {
        switch self {
        case .dispatched: "dispatched"
        case .windowClosed: "window_closed"
        case .retry: "retry"
        case .interrupted: "interrupted"
        case .providerAccepted: "provider_accepted"
        case .carrierReceipt: "carrier_receipt"
        case .firstView: "first_view"
        case .noLine: "no_line"
        case .failure(let reason, _): reason
        case .deadlinePassed: "read_deadline"
        }
    }

    /// What the timeline keeps besides the name (ids, provider, channel, times; never a phone or CI).
    var detail: String? {
        switch self {
        case .dispatched(let attempt, let line): "attempt \(attempt)" + (line.map { " via \($0.carrier.rawValue)" } ?? "")
        case .windowClosed(let until, _): "due \(Self.iso(until))"
        case .retry(let reason, let next): "\(reason); due \(Self.iso(next))"
        case .interrupted: "restarted while sending"
        case .providerAccepted(let provider, let channel): channel.map { "\(provider) \($0.rawValue)" } ?? provider
        case .carrierReceipt(let receipt): "receipt \(receipt.id) from \(receipt.provider)"
        case .firstView: nil
        case .noLine(let reason): reason
        case .failure(_, let detail): detail
        case .deadlinePassed: nil
        }
    }

    /// The `reason` an end state keeps (`failed`, `unreachable`, `expired`).
    var reason: String? {
        switch self {
        case .noLine(let reason): reason
        case .failure(let reason, _): reason
        case .deadlinePassed: "read_deadline"
        default: nil
        }
    }

    /// Whether this event can justify reaching `state` (a receipt for `delivered`, a reason for an end, …).
    func justifies(_ state: NoticeState) -> Bool {
        switch (self, state) {
        case (.dispatched, .sending), (.windowClosed, .scheduled), (.retry, .scheduled), (.interrupted, .scheduled),
             (.providerAccepted, .sent), (.carrierReceipt, .delivered), (.firstView, .read), (.noLine, .unreachable),
             (.failure, .failed), (.deadlinePassed, .expired):
            true
        default:
            false
        }
    }

    private static func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}
