import Schema
/// The kinds of event the evidence log records (VA-4).
public enum EvidenceEventType: String, Codable, Sendable, CaseIterable {
    case registered
    case issued
    case delivered
    case read
    case destroyed
}
