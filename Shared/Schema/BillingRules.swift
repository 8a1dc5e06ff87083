import Foundation

/// What a notice's fate means for billing (BI-1): the explicit rule producers follow when they
/// emit usage, kept in the contract so the notifier and billing cannot disagree.
public enum NoticeBillingOutcome: String, Codable, Sendable, CaseIterable {
    /// Handed to a carrier (sent, then maybe delivered): billed as one send.
    case leftForCarrier
    /// No deliverable line (ID-2): not billed.
    case unreachable
    /// Refused before sending (bad input, window, policy): not billed.
    case rejected
    /// A technical failure before any carrier took it: not billed.
    case failedBeforeCarrier
    /// Failed after a carrier took it (e.g. `failed(timeout)`): the send is still billed.
    case failedAfterCarrier
    /// First read by the recipient: billed once per notice.
    case read

    /// The usage item this outcome bills, or `nil` when it bills nothing.
    public var billableItem: UsageItem? {
        switch self {
        case .leftForCarrier, .failedAfterCarrier: .noticeSent
        case .read: .noticeRead
        case .unreachable, .rejected, .failedBeforeCarrier: nil
        }
    }

    /// The usage event for a notice's outcome, or `nil` when it is not billable. The event id is
    /// derived from the notice and the item, so a retried or repeated report is billed once.
    public func usageEvent(noticeId: String, institution: String, at: Date) -> UsageEvent? {
        guard let item = billableItem else { return nil }
        return UsageEvent(eventId: "\(item.rawValue):\(noticeId)", institution: institution, item: item,
                          quantity: 1, occurredAt: at, reference: noticeId)
    }
}
