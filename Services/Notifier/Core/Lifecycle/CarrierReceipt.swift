import Foundation

/// A carrier's confirmation that a message reached the handset: the only justification of
/// `delivered`. Simulated carriers answer with one at once; real providers send it later
/// as `notifier.receipt`, or with their answer (HTTP `{"status":"delivered"}`).
struct CarrierReceipt: Sendable, Hashable {
    /// The carrier's id for the receipt (never empty); kept in the notice's timeline.
    var id: String
    /// The provider that reported it, e.g. `sim-kt`.
    var provider: String
    /// When the carrier says the message was delivered.
    var at: Date

    /// A receipt id for a provider that gives none of its own: the provider and the message
    /// reference (the provider-side de-duplication key, so a re-send gets the same id).
    static func id(provider: String, reference: String) -> String { "\(provider):\(reference)" }
}
