import Schema

/// `billing.recordUsage` as billing's inbox receives it: the bus's `JSONDecoder` still checks
/// that the payload is well-formed JSON, but builds nothing — the handler reads the events from
/// the envelope's bytes with `UsagePayloadReader` (falling back to decoding `RecordUsage` with
/// `PayloadCodec` for anything outside the reader's subset).
struct RecordUsagePayload: BusMessage {
    static var messageType: MessageType { RecordUsage.messageType }

    init() {}

    init(from decoder: any Decoder) throws {}

    /// Never sent by billing; encodes as an empty object.
    func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: EmptyKey.self)
    }

    private enum EmptyKey: CodingKey {}

    /// The events of `payload`: read directly, or decoded by the shared codec when the fast
    /// reader declines (its errors are then the bus's `malformed_payload`).
    static func events(in payload: [UInt8]) throws -> [UsageEvent] {
        if let events = UsagePayloadReader.events(in: payload) { return events }
        return try PayloadCodec.decode(RecordUsage.self, from: payload).events
    }
}
