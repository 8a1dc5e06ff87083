import Foundation
import Schema

/// One way out to a handset (NO-3): a carrier's gateway, a KakaoTalk bizmessage gateway, an HTTP
/// relay. The pool in front of them does failover, fallback and health; a provider only sends.
protocol ChannelProvider: Sendable {
    /// Stable name for health reports and logs, e.g. `sim-kt`.
    var name: String { get }
    /// `simulated` or `http`.
    var kind: String { get }
    var channels: Set<NoticeChannel> { get }
    /// The network it belongs to; preferred for that carrier's subscribers.
    var carrier: Carrier? { get }
    /// Sends one message. `message.reference` is the provider-side de-duplication key: sending
    /// the same reference again (after a crash) must not reach the handset twice.
    func send(_ message: OutboundMessage, now: Date) async throws(ProviderFailure) -> ProviderOutcome
}

/// A message ready for one channel.
struct OutboundMessage: Sendable {
    var reference: String
    var phone: String
    var carrier: Carrier?
    var channel: NoticeChannel
    var subject: String?
    var text: String
    var link: String?
    var kakaoTemplate: String?
    var buttons: [KakaoButton] = []
}

/// What a provider reports for a message it took.
enum ProviderOutcome: Sendable, Equatable {
    /// Delivered to the handset: the carrier's receipt came with the answer.
    case delivered(CarrierReceipt)
    /// Taken; a `notifier.receipt` follows (or the 72 h timeout).
    case accepted
}

/// Why a provider did not take a message.
enum ProviderFailure: Error, Sendable, Equatable {
    /// The provider is failing (outage, 5xx, timeout): counts against its health; try another provider.
    case unavailable(String)
    /// The provider works but this channel cannot reach this handset (no RCS, no KakaoTalk): fall back.
    case rejected(String)
}
