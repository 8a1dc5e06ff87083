import Foundation
import GRDB
import Logging
import Metrics
import Schema
import Store
import Synchronization
import ZeroMQ

/// Sends outbox rows and removes them once acknowledged (DESIGN §4).
///
/// The normal path costs two batched writes per message — the producer's insert and the delete
/// after the ACK. In-flight bookkeeping lives in memory: after a restart every remaining row is
/// simply sent again and the receiver's inbox drops the duplicates. Only re-sends are persisted
/// (attempt count and due time), so dead-lettering survives restarts too.
final class OutboxDispatcher: Sendable {
    private struct InFlight {
        var header: EnvelopeHeader
        var payload: [UInt8]
        var attempt: Int
        var deadline: Int64
        var sentAt: Int64
    }

    private struct State {
        var cursor: Int64 = 0
        var inFlight: [MessageID: InFlight] = [:]
        var perDestination: [String: Int] = [:]
        var acked: [MessageID] = []
        var nacked: [(MessageID, String)] = []
        var random = SystemRandomNumberGenerator()
        var lastExpiryScan: Int64 = 0
    }

    private let state = Mutex(State())
    private let store: ServiceStore
    private let client: BusClient
    private let configuration: EndpointConfiguration
    private let logger: Logger
    private let statistics: EndpointStatistics
    private let wakeStream: AsyncStream<Void>
    private let wakeContinuation: AsyncStream<Void>.Continuation
    private let depthGauge: Gauge
    private let retryCounter: Counter
    private let deadLetterCounter: Counter

    init(store: ServiceStore, client: BusClient, configuration: EndpointConfiguration, logger: Logger, statistics: EndpointStatistics) {
        self.store = store
        self.client = client
        self.configuration = configuration
        self.logger = logger
        self.statistics = statistics
        (wakeStream, wakeContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let dimensions = [("service", configuration.service)]
        depthGauge = Gauge(label: "songdal_bus_outbox_depth", dimensions: dimensions)
        retryCounter = Counter(label: "songdal_bus_retries_total", dimensions: dimensions)
        deadLetterCounter = Counter(label: "songdal_bus_dead_letters_total", dimensions: dimensions)
    }

    /// Asks for a pass soon (after a commit that wrote outbox rows, or an ACK).
    func wake() { wakeContinuation.yield() }

    /// Takes the ACKs of messages in flight; an ACK of anything else (a message this outbox never
    /// sent, such as a query reply from an older peer that still acknowledges those) is dropped,
    /// so it costs no outbox pass and no write. An ACK of a row not in flight — sent before a
    /// restart and not loaded again yet — is dropped too; the row is re-sent, de-duplicated and
    /// acknowledged again.
    func acknowledged(_ ids: [MessageID]) {
        let known = state.withLock { state -> Bool in
            var any = false
            for id in ids where state.inFlight[id] != nil {
                state.acked.append(id)
                any = true
            }
            return any
        }
        if known { wake() }
    }

    func refusedByBroker(_ ids: [MessageID], reason: String) {
        state.withLock { state in state.nacked.append(contentsOf: ids.map { ($0, reason) }) }
        wake()
    }

    /// Runs passes until cancelled: on every wake-up and at least every 50 ms (for re-sends).
    func run() async {
        let ticker = Task { [wakeContinuation] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(50))
                wakeContinuation.yield()
            }
        }
        defer { ticker.cancel() }
        var lastDepthReport: Int64 = 0
        for await _ in wakeStream {
            if Task.isCancelled { break }
            var more = true
            while more && !Task.isCancelled {
                more = await pass()
            }
            let now = Self.nowMilliseconds()
            if now - lastDepthReport > 2_000 {
                lastDepthReport = now
                if let depth = try? await store.pool.read({ try OutboxTable.depth($0) }) {
                    depthGauge.record(depth)
                }
            }
        }
    }

    func stop() { wakeContinuation.finish() }

    /// One pass; returns true when more rows are waiting right away.
    private func pass() async -> Bool {
        let now = Self.nowMilliseconds()
        let (acked, nacked) = state.withLock { state -> ([MessageID], [(MessageID, String)]) in
            defer { state.acked.removeAll(keepingCapacity: true); state.nacked.removeAll(keepingCapacity: true) }
            return (state.acked, state.nacked)
        }
        if !acked.isEmpty { await removeAcknowledged(acked, now: now) }
        if !nacked.isEmpty { postpone(nacked, now: now) }
        await resendExpired(now: now)
        return await loadAndSend(now: now)
    }

    private func removeAcknowledged(_ ids: [MessageID], now: Int64) async {
        var roundTrips: [(String, Int64)] = []
        let removed = state.withLock { state -> Int in
            var count = 0
            for id in ids {
                guard let flight = state.inFlight.removeValue(forKey: id) else { continue }
                state.perDestination[flight.header.destination, default: 1] -= 1
                count += 1
                if count % 16 == 1 { roundTrips.append((flight.header.destination, now - flight.sentAt)) }
            }
            return count
        }
        do {
            try await store.pool.write { db in try OutboxTable.delete(db, ids: ids) }
            statistics.acknowledgedCounter.add(removed, ordering: .relaxed)
            statistics.outboxDeleteCounter.add(1, ordering: .relaxed)
        } catch {
            logger.error("outbox delete failed; rows will be re-sent and de-duplicated", metadata: ["error": "\(error)"])
        }
        for (destination, milliseconds) in roundTrips {
            Timer(label: "songdal_bus_round_trip_seconds", dimensions: [("destination", destination)])
                .recordMilliseconds(milliseconds)
        }
    }

    private func postpone(_ refusals: [(MessageID, String)], now: Int64) {
        state.withLock { state in
            for (id, reason) in refusals {
                guard var flight = state.inFlight[id] else { continue }
                let delay = configuration.retry.backoff(afterAttempt: flight.attempt, random: Double.random(in: 0...1, using: &state.random))
                flight.deadline = now + Int64(delay)
                state.inFlight[id] = flight
                if flight.attempt == 1 || flight.attempt % 50 == 0 {
                    logger.notice("message refused by broker; will retry", metadata: [
                        "id": "\(id)", "type": "\(flight.header.type)", "destination": "\(flight.header.destination)",
                        "attempt": "\(flight.attempt)", "reason": "\(reason)",
                    ])
                }
            }
        }
    }

    private func resendExpired(now: Int64) async {
        var resend: [[Frame]] = []
        var persist: [(MessageID, Int, Int64)] = []
        var dead: [(MessageID, String)] = []
        state.withLock { state in
            // The scan is O(in flight); deadlines are coarse (hundreds of ms), so every 50 ms is
            // enough — scanning on every pass made a deep pipeline quadratic.
            guard now - state.lastExpiryScan >= 50 else { return }
            state.lastExpiryScan = now
            for (id, flight) in state.inFlight where flight.deadline <= now {
                var next = flight
                if next.attempt >= configuration.retry.maximumAttempts {
                    state.inFlight[id] = nil
                    state.perDestination[flight.header.destination, default: 1] -= 1
                    dead.append((id, "no ACK after \(flight.attempt) attempts"))
                    continue
                }
                next.attempt += 1
                next.header.attempt = UInt32(next.attempt)
                next.sentAt = now
                let backoff = configuration.retry.backoff(afterAttempt: next.attempt, random: Double.random(in: 0...1, using: &state.random))
                next.deadline = now + Int64(configuration.retry.ackTimeoutMilliseconds + backoff)
                state.inFlight[id] = next
                resend.append(WireMessage.messageFrames(encodedHeader: HeaderCodec.encode(next.header), payload: next.payload))
                persist.append((id, next.attempt, next.deadline))
            }
        }
        if !resend.isEmpty {
            client.send(frames: resend)
            statistics.sentCounter.add(resend.count, ordering: .relaxed)
            statistics.retriedCounter.add(resend.count, ordering: .relaxed)
            retryCounter.increment(by: resend.count)
        }
        guard !persist.isEmpty || !dead.isEmpty else { return }
        let toPersist = persist
        let toBury = dead
        do {
            try await store.pool.write { db in
                for (id, attempt, due) in toPersist {
                    try OutboxTable.recordRetry(db, id: id, attempt: attempt, dueAt: due, error: nil)
                }
                for (id, reason) in toBury {
                    try OutboxTable.moveToDeadLetter(db, id: id, reason: reason, now: now)
                }
            }
        } catch {
            logger.error("outbox retry bookkeeping failed", metadata: ["error": "\(error)"])
        }
        for (id, reason) in dead {
            logger.error("message dead-lettered", metadata: ["id": "\(id)", "reason": "\(reason)"])
        }
        statistics.deadLetteredCounter.add(dead.count, ordering: .relaxed)
        if !dead.isEmpty { deadLetterCounter.increment(by: dead.count) }
    }

    private func loadAndSend(now: Int64) async -> Bool {
        let (cursor, room) = state.withLock { state in
            (state.cursor, configuration.maximumInFlightPerDestination - (state.perDestination.values.max() ?? 0))
        }
        guard room > 0 else { return false }
        let limit = min(configuration.dispatchBatch, room)
        let rows: [OutboxRow]
        do {
            rows = try await store.pool.read { db in try OutboxTable.fetch(db, after: cursor, limit: limit) }
        } catch is CancellationError {
            return false
        } catch {
            logger.error("outbox read failed", metadata: ["error": "\(error)"])
            return false
        }
        guard let last = rows.last else { return false }
        var frames: [[Frame]] = []
        frames.reserveCapacity(rows.count)
        let ackTimeout = Int64(configuration.retry.ackTimeoutMilliseconds)
        state.withLock { state in
            state.cursor = max(state.cursor, last.seq)
            for row in rows.sorted(by: { $0.lane > $1.lane }) where state.inFlight[row.id] == nil {
                var header = row.envelope.header
                let waiting = row.dueAt > now
                header.attempt = UInt32(row.attempt + 1)
                state.inFlight[row.id] = InFlight(
                    header: header, payload: row.envelope.payload, attempt: waiting ? row.attempt : row.attempt + 1,
                    deadline: waiting ? row.dueAt : now + ackTimeout, sentAt: now)
                state.perDestination[header.destination, default: 0] += 1
                if !waiting {
                    // A first send goes with the stored bytes (they say attempt 1); only a row
                    // re-sent after a restart needs its attempt count re-encoded.
                    frames.append(WireMessage.messageFrames(
                        encodedHeader: row.attempt == 0 ? row.encodedHeader : HeaderCodec.encode(header),
                        payload: row.envelope.payload))
                }
            }
        }
        logger.trace("outbox pass", metadata: ["rows": "\(rows.count)", "sending": "\(frames.count)", "cursor": "\(last.seq)"])
        if !frames.isEmpty {
            client.send(frames: frames)
            statistics.sentCounter.add(frames.count, ordering: .relaxed)
        }
        return rows.count == limit
    }

    static func nowMilliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
