import Foundation
import GRDB
import Schema

/// What handlers use to send messages: inside the same transaction as their state change.
///
/// Builds the envelope (time-ordered id, source, causation), picks destinations from the registry
/// (commands go to their handler, events fan out to every subscriber), and writes outbox rows.
public struct OutboxWriter: Sendable {
    /// This endpoint's routing id, `<service>/<instance>`.
    public let source: String
    public let registry: MessageRegistry
    public let now: @Sendable () -> Date

    public init(source: String, registry: MessageRegistry, now: @escaping @Sendable () -> Date) {
        self.source = source
        self.registry = registry
        self.now = now
    }

    /// Sends a command (or a reply) to `destination`, or to the handler its type declares.
    @discardableResult
    public func send<M: BusMessage>(
        _ message: M, to destination: String? = nil, correlationId: MessageID? = nil,
        causationId: MessageID? = nil, lane: Int = 0, in db: Database
    ) throws -> MessageID {
        let type = M.messageType
        guard let target = destination ?? type.handler else {
            throw BusError.unroutable(destination: type.name, reason: "no destination and no handler declared")
        }
        let payload = try PayloadCodec.encode(message)
        return try enqueue(type: type, payload: payload, to: target, correlationId: correlationId,
                           causationId: causationId, lane: lane, in: db)
    }

    /// Publishes an event: one outbox row per subscriber declared by its type.
    @discardableResult
    public func publish<E: BusMessage>(_ event: E, causationId: MessageID? = nil, in db: Database) throws -> [MessageID] {
        let type = E.messageType
        let payload = try PayloadCodec.encode(event)
        return try type.subscribers.map { subscriber in
            try enqueue(type: type, payload: payload, to: subscriber, correlationId: nil,
                        causationId: causationId, lane: 0, in: db)
        }
    }

    /// Writes one row with an already-encoded payload (the hot path of batch producers).
    @discardableResult
    public func enqueue(
        type: MessageType, payload: [UInt8], to destination: String, correlationId: MessageID?,
        causationId: MessageID?, lane: Int, in db: Database
    ) throws -> MessageID {
        let instant = now()
        let header = EnvelopeHeader(
            id: MessageID.make(now: instant), type: type.name, version: type.version, source: source,
            destination: destination, correlationId: correlationId, causationId: causationId)
        try OutboxTable.insert(db, envelope: Envelope(header: header, payload: payload), lane: lane)
        return header.id
    }
}
