import Foundation
import Schema

/// A built-in simulated provider (NO-3): a carrier gateway (KT/SKT/LGU: SMS, LMS, MMS, RCS) or
/// the KakaoTalk gateway. Behaviour comes from its `SimulatedNetwork`; what it delivers is
/// recorded there.
struct SimulatedCarrier: ChannelProvider {
    let name: String
    let kind = "simulated"
    let channels: Set<NoticeChannel>
    let carrier: Carrier?
    let network: SimulatedNetwork

    func send(_ message: OutboundMessage, now: Date) async throws(ProviderFailure) -> ProviderOutcome {
        let behaviour = network.behaviour(of: name)
        if behaviour.latencyMilliseconds > 0 {
            try? await Task.sleep(for: .milliseconds(behaviour.latencyMilliseconds))
        }
        if behaviour.down || behaviour.outages.contains(where: { $0.contains(now) }) {
            throw .unavailable("outage")
        }
        if behaviour.failureRate > 0, Double.random(in: 0..<1) < behaviour.failureRate {
            throw .unavailable("simulated error")
        }
        if behaviour.rejectChannels.contains(message.channel) {
            throw .rejected("\(message.channel.rawValue) not available on the handset")
        }
        _ = network.deliver(CarrierMessage(
            provider: name, channel: message.channel, phone: message.phone, subject: message.subject, text: message.text,
            link: message.link, reference: message.reference, deliveredAt: now))
        // The simulated carrier's receipt: its id is the provider and the reference, so a re-send
        // that the network absorbs as a duplicate confirms the same delivery.
        return .delivered(CarrierReceipt(id: CarrierReceipt.id(provider: name, reference: message.reference), provider: name, at: now))
    }
}
