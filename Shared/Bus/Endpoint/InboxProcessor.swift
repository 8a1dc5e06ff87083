import Foundation
import GRDB
import Logging
import Schema
import Store

/// Applies incoming commands, events and replies exactly once (DESIGN §4): in one write
/// transaction per batch, each message's inbox record, handler and outbox rows commit together
/// (a savepoint each, so one failing message does not undo the others); ACKs go out only after
/// the commit.
struct InboxProcessor: Sendable {
    let store: ServiceStore
    let handlers: HandlerTable
    let registry: MessageRegistry
    let outbox: OutboxWriter
    let logger: Logger
    let statistics: EndpointStatistics
    let now: @Sendable () -> Date

    /// Applies `batch`; returns the ids to acknowledge, by sender. Throws only when the
    /// transaction itself failed — then nothing is acknowledged and the senders re-send.
    func apply(_ batch: [Envelope]) async throws -> [String: [MessageID]] {
        let instant = now()
        let received = Int64(instant.timeIntervalSince1970 * 1000)
        return try await store.pool.write { db in
            var acks: [String: [MessageID]] = [:]
            for envelope in batch {
                if try InboxTable.claim(db, id: envelope.header.id, receivedAt: received) {
                    try applyOne(envelope, db: db, now: instant, received: received)
                } else {
                    statistics.duplicateCounter.add(1, ordering: .relaxed)
                }
                acks[envelope.header.source, default: []].append(envelope.header.id)
            }
            return acks
        }
    }

    private func applyOne(_ envelope: Envelope, db: Database, now: Date, received: Int64) throws {
        let header = envelope.header
        do {
            let type = try registry.validate(header)
            guard case .transactional(let handler)? = handlers.entry(for: header.type) else {
                if type.kind == .reply || type.kind == .event {
                    // A late reply whose waiter timed out, or an event this service does not
                    // handle: acknowledged and noted, nothing to apply.
                    logger.debug("no handler; acknowledged", metadata: ["type": "\(header.type)", "id": "\(header.id)"])
                    return
                }
                throw BusError.unknownMessageType(header.type)
            }
            try db.inSavepoint {
                try handler(envelope, HandlerContext(db: db, outbox: outbox, envelope: envelope, now: now))
                return .commit
            }
            statistics.appliedCounter.add(1, ordering: .relaxed)
        } catch let error as BusError {
            try refuse(envelope, with: error.errorReply, db: db)
        } catch let reply as ErrorReply {
            try refuse(envelope, with: reply, db: db)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_FULL || error.resultCode == .SQLITE_IOERR {
            // The store itself is in trouble: fail the batch so nothing is acknowledged.
            throw error
        } catch {
            // A handler bug: keep the message for an operator rather than retrying it forever.
            logger.error("handler failed; message dead-lettered", metadata: [
                "type": "\(header.type)", "id": "\(header.id)", "error": "\(String(describing: type(of: error)))",
            ])
            try DeadLetterTable.recordIncoming(db, envelope: envelope, reason: "handler failed: \(error)", now: received)
            statistics.deadLetteredCounter.add(1, ordering: .relaxed)
        }
    }

    /// Answers a refused command with its typed error (never a reply or an event: no ping-pong).
    private func refuse(_ envelope: Envelope, with reply: ErrorReply, db: Database) throws {
        statistics.refusedCounter.add(1, ordering: .relaxed)
        logger.warning("message refused", metadata: [
            "type": "\(envelope.header.type)", "id": "\(envelope.header.id)", "from": "\(envelope.header.source)",
            "code": "\(reply.code)", "reason": "\(reply.message)",
        ])
        let kind = registry.type(named: envelope.header.type)?.kind
        guard kind == .command || kind == .query || (kind == nil && envelope.header.correlationId == nil) else { return }
        try outbox.send(reply, to: envelope.header.source, correlationId: envelope.header.id,
                        causationId: envelope.header.id, in: db)
    }
}
