import Schema

/// A message waiting in the outbox for its ACK.
public struct OutboxRow: Sendable, Hashable {
    /// Insertion order; the dispatcher's cursor.
    public let seq: Int64
    public let envelope: Envelope
    /// The header exactly as stored (attempt 1), sent as is on a first send: no re-encoding.
    public let encodedHeader: [UInt8]
    /// 0 normal; higher lanes are sent first (a person waiting for an OTP beats a campaign).
    public let lane: Int
    /// Sends already made (persisted only on retry, see `OutboxTable.recordRetry`).
    public let attempt: Int
    /// Earliest send time, Unix milliseconds.
    public let dueAt: Int64

    public init(seq: Int64, envelope: Envelope, encodedHeader: [UInt8], lane: Int, attempt: Int, dueAt: Int64) {
        self.seq = seq
        self.envelope = envelope
        self.encodedHeader = encodedHeader
        self.lane = lane
        self.attempt = attempt
        self.dueAt = dueAt
    }

    public var id: MessageID { envelope.header.id }
}
