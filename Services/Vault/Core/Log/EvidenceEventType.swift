import Schema
/// The kinds of event the evidence log records (VA-4).
public enum EvidenceEventType: String, Codable, Sendable, CaseIterable {
    case registered
    case issued
    case delivered
    case read
    case destroyed
    /// Delivery and read of a sandbox notice: a leaf type of their own, so the flag is in
    /// the hashed leaf itself, and a verifier that predates sandbox notices refuses the leaf
    /// (unknown type) rather than take it for real delivery evidence.
    case sandboxDelivered = "sandbox_delivered"
    case sandboxRead = "sandbox_read"

    /// Evidence of a sandbox notice.
    public var isSandbox: Bool { self == .sandboxDelivered || self == .sandboxRead }
}
