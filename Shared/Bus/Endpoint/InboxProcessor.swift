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
        // Optimistic first: no savepoint per message, which costs a journal round per message.
        // If any handler fails, that transaction is rolled back whole and the batch is applied
        // again with a savepoint around each message, so only the failing one is set aside.
        do {
            return try await store.pool.write { db in
                try applyAll(batch, db: db, now: instant, received: received, isolated: false)
            }
        } catch is HandlerFailed {
            return try await store.pool.write { db in
                try applyAll(batch, db: db, now: instant, received: received, isolated: true)
            }
        }
    }

    /// Thrown out of an optimistic batch to ask for the isolated retry.
    private struct HandlerFailed: Error {}

    private func applyAll(_ batch: [Envelope], db: Database, now: Date, received: Int64, isolated: Bool) throws -> [String: [MessageID]] {
        var acks: [String: [MessageID]] = [:]
        var applied = 0
        var duplicates = 0
        for envelope in batch {
            if try InboxTable.claim(db, id: envelope.header.id, receivedAt: received) {
                if try applyOne(envelope, db: db, now: now, received: received, isolated: isolated) { applied += 1 }
            } else {
                duplicates += 1
            }
            acks[envelope.header.source, default: []].append(envelope.header.id)
        }
        statistics.appliedCounter.add(applied, ordering: .relaxed)
        statistics.duplicateCounter.add(duplicates, ordering: .relaxed)
        return acks
    }

    /// Applies one message; returns whether a handler applied it. Outside isolation a failing
    /// handler aborts the batch (`HandlerFailed`); inside, its savepoint is rolled back and the
    /// message refused or dead-lettered.
    private func applyOne(_ envelope: Envelope, db: Database, now: Date, received: Int64, isolated: Bool) throws -> Bool {
        let header = envelope.header
        do {
            let type = try registry.validate(header)
            guard case .transactional(let handler)? = handlers.entry(for: header.type) else {
                if type.kind == .reply || type.kind == .event {
                    // A late reply whose waiter timed out, or an event this service does not
                    // handle: acknowledged and noted, nothing to apply.
                    logger.debug("no handler; acknowledged", metadata: ["type": "\(header.type)", "id": "\(header.id)"])
                    return false
                }
                throw BusError.unknownMessageType(header.type)
            }
            let context = HandlerContext(db: db, outbox: outbox, envelope: envelope, now: now)
            if isolated {
                try db.inSavepoint {
                    try handler(envelope, context)
                    return .commit
                }
            } else {
                do { try handler(envelope, context) } catch { throw HandlerFailed() }
            }
            return true
        } catch let failed as HandlerFailed {
            throw failed
        } catch let error as BusError {
            try refuse(envelope, with: error.errorReply, db: db)
            return false
        } catch let reply as ErrorReply {
            try refuse(envelope, with: reply, db: db)
            return false
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
            return false
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
