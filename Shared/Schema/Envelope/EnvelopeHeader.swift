import Foundation

/// What the bus needs to know about a message, apart from its payload.
///
/// The broker routes on `destination` alone; everything else is for the endpoints: `id` makes
/// delivery idempotent, `correlationId` ties a reply to its request, `causationId` records which
/// message caused this one, and `attempt` counts re-sends by the outbox.
public struct EnvelopeHeader: Hashable, Sendable, Codable {
    /// Unique, time-ordered id of this message.
    public var id: MessageID
    /// Registered message type name, e.g. `identity.resolve`.
    public var type: String
    /// Version of the payload schema of `type`.
    public var version: UInt16
    /// Routing id of the sender: `<service>/<instance>`.
    public var source: String
    /// A service name (`identity`) or an exact routing id (`identity/1`).
    public var destination: String
    /// For a reply: the id of the request it answers.
    public var correlationId: MessageID?
    /// The message whose handling caused this one.
    public var causationId: MessageID?
    /// Creation time in Unix milliseconds (UTC).
    public var createdAt: Int64
    /// 1 for the first send; the outbox increments it on each re-send.
    public var attempt: UInt32

    /// Creates a header; `createdAt` is taken from the id so the two always agree.
    public init(
        id: MessageID, type: String, version: UInt16 = 1, source: String, destination: String,
        correlationId: MessageID? = nil, causationId: MessageID? = nil, attempt: UInt32 = 1
    ) {
        self.id = id
        self.type = type
        self.version = version
        self.source = source
        self.destination = destination
        self.correlationId = correlationId
        self.causationId = causationId
        self.createdAt = id.unixMilliseconds
        self.attempt = attempt
    }

    /// The service part of `source` (`notifier` for `notifier/2`).
    public var sourceService: Substring { source.split(separator: "/", maxSplits: 1).first ?? Substring(source) }
}
