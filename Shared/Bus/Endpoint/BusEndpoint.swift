import Foundation
import GRDB
import Logging
import Schema
import ServiceLifecycle
import Store
import ZeroMQ

/// A service's whole presence on the bus: the client connection, the outbox dispatcher, the
/// inbox, request/reply, and the handlers — over the service's own store. Run it as a lifecycle
/// `Service`; register handlers before it runs.
///
/// ```swift
/// let endpoint = try BusEndpoint(configuration: config, store: store, registry: registry,
///                                context: context, logger: logger, now: { clock.now })
/// endpoint.handle(ResolveRequest.self) { request, context in try directory.resolve(request, in: context.db) }
/// try await endpoint.run()
/// ```
public final class BusEndpoint: Service, Sendable {
    public let configuration: EndpointConfiguration
    public let store: ServiceStore
    public let registry: MessageRegistry
    public let statistics = EndpointStatistics()
    /// Writes outbox rows as this endpoint (source = its routing id).
    public let outbox: OutboxWriter
    let client: BusClient
    private let dispatcher: OutboxDispatcher
    private let appender: OutboxAppender
    private let handlers = HandlerTable()
    private let pending = PendingReplies()
    private let logger: Logger
    private let now: @Sendable () -> Date

    public init(
        configuration: EndpointConfiguration, store: ServiceStore, registry: MessageRegistry,
        context: Context, logger: Logger, now: @escaping @Sendable () -> Date
    ) throws(ZMQError) {
        self.configuration = configuration
        self.store = store
        self.registry = registry
        self.logger = logger
        self.now = now
        var clientConfiguration = BusClient.Configuration(
            routingID: configuration.routingID, endpoint: configuration.brokerEndpoint, security: configuration.security)
        clientConfiguration.heartbeatMilliseconds = configuration.heartbeatMilliseconds
        client = try BusClient(configuration: clientConfiguration, context: context, logger: logger)
        outbox = OutboxWriter(source: configuration.routingID.description, registry: registry, now: now)
        dispatcher = OutboxDispatcher(
            store: store, client: client, configuration: configuration, logger: logger, statistics: statistics)
        appender = OutboxAppender(store: store, dispatcher: dispatcher, logger: logger)
    }

    // MARK: Handlers

    /// Handles a command or event inside the inbox transaction.
    public func handle<M: BusMessage>(_ type: M.Type, _ body: @escaping @Sendable (M, HandlerContext) throws -> Void) {
        handlers.register(M.messageType.name, .transactional { envelope, context in
            try body(try PayloadCodec.decode(M.self, from: envelope.payload), context)
        })
    }

    /// Handles a command whose reply commits with its effect and travels back through the outbox.
    public func handle<R: BusRequest>(_ type: R.Type, reply body: @escaping @Sendable (R, HandlerContext) throws -> R.Reply) {
        handlers.register(R.messageType.name, .transactional { envelope, context in
            let reply = try body(try PayloadCodec.decode(R.self, from: envelope.payload), context)
            try context.outbox.send(reply, to: envelope.header.source, correlationId: envelope.header.id,
                                    causationId: envelope.header.id, in: context.db)
        })
    }

    /// Answers a query directly (no transaction, no outbox: repeating a query is harmless).
    public func answer<R: BusRequest>(_ type: R.Type, _ body: @escaping @Sendable (R, QueryContext) async throws -> R.Reply) {
        handlers.register(R.messageType.name, .query(answer: { envelope, context in
            try PayloadCodec.encode(try await body(try PayloadCodec.decode(R.self, from: envelope.payload), context))
        }, replyType: R.Reply.messageType))
    }

    // MARK: Writing and asking

    /// Runs `body` in one write transaction with the outbox at hand, then wakes the dispatcher.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Database, OutboxWriter) throws -> T) async throws -> T {
        let outbox = self.outbox
        let result = try await store.pool.write { db in try body(db, outbox) }
        dispatcher.wake()
        return result
    }

    /// Sends a request and waits for its reply.
    ///
    /// A query goes directly and is retried on timeout. A command is written to the outbox first
    /// (so it is delivered even if this process dies) and its reply is awaited once; on timeout the
    /// command may still be applied later — commands that matter carry an idempotency key.
    public func request<R: BusRequest>(_ request: R, to destination: String? = nil, timeoutMilliseconds: Int? = nil) async throws -> R.Reply {
        let type = R.messageType
        guard let target = destination ?? type.handler else {
            throw BusError.unroutable(destination: type.name, reason: "no handler declared")
        }
        let timeout = timeoutMilliseconds ?? configuration.queryTimeoutMilliseconds
        let reply: Envelope
        if type.kind == .query {
            reply = try await query(type: type, payload: try PayloadCodec.encode(request), to: target, timeout: timeout)
        } else {
            let payload = try PayloadCodec.encode(request)
            let id = MessageID.make(now: now())
            let header = EnvelopeHeader(id: id, type: type.name, version: type.version, source: outbox.source, destination: target)
            reply = try await pending.wait(for: id, timeoutMilliseconds: timeout * configuration.queryAttempts,
                                           timeoutError: .timeout(type: type.name, destination: target), acknowledgeReply: true) {
                appender.append(.init(envelope: Envelope(header: header, payload: payload)) { [pending] _ in
                    pending.fail(id, with: .notRunning)
                })
            }
        }
        return try decodeReply(R.Reply.self, reply)
    }

    /// Whether the broker has answered this endpoint (it then routes to it).
    public var isConnected: Bool { client.hasReachedBroker }

    private func query(type: MessageType, payload: [UInt8], to target: String, timeout: Int) async throws -> Envelope {
        var lastError = BusError.timeout(type: type.name, destination: target)
        // A timed-out attempt uses up one try; a NACK ("no peer yet") is retried after a short
        // pause until the whole budget is spent, so a service that is still starting is waited for.
        let deadline = ContinuousClock.now + .milliseconds(timeout * max(1, configuration.queryAttempts))
        var attempt = 0
        var timeouts = 0
        while timeouts < max(1, configuration.queryAttempts), ContinuousClock.now < deadline {
            attempt += 1
            let header = EnvelopeHeader(
                id: MessageID.make(now: now()), type: type.name, version: type.version,
                source: outbox.source, destination: target, attempt: UInt32(attempt))
            do {
                return try await pending.wait(
                    for: header.id, timeoutMilliseconds: timeout,
                    timeoutError: .timeout(type: type.name, destination: target), acknowledgeReply: false
                ) {
                    client.send(Envelope(header: header, payload: payload))
                }
            } catch let error as BusError {
                lastError = error
                switch error {
                case .unroutable: try await Task.sleep(for: .milliseconds(min(50 * attempt, 500)))
                case .timeout: timeouts += 1
                default: throw error
                }
            }
        }
        throw lastError
    }

    private func decodeReply<T: BusMessage>(_ type: T.Type, _ envelope: Envelope) throws -> T {
        if envelope.header.type == ErrorReply.messageType.name {
            throw BusError.rejected(try PayloadCodec.decode(ErrorReply.self, from: envelope.payload))
        }
        return try PayloadCodec.decode(T.self, from: envelope.payload)
    }

    // MARK: Running

    /// Connects and serves until the task is cancelled or graceful shutdown is requested.
    public func run() async throws {
        client.start()
        logger.info("bus endpoint started", metadata: [
            "peer": "\(configuration.routingID)", "broker": "\(configuration.brokerEndpoint)",
        ])
        let processor = InboxProcessor(
            store: store, handlers: handlers, registry: registry, outbox: outbox, logger: logger,
            statistics: statistics, now: now)
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.dispatcher.run() }
                group.addTask { await self.pruneInbox() }
                group.addTask { await self.receive(processor) }
                await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.shutdown()
        }
        shutdown()
        logger.info("bus endpoint stopped", metadata: ["peer": "\(configuration.routingID)"])
    }

    private func shutdown() {
        dispatcher.stop()
        client.stop()
        pending.failAll(with: .notRunning)
    }

    private func receive(_ processor: InboxProcessor) async {
        for await batch in client.inbound {
            logger.trace("inbound batch", metadata: ["count": "\(batch.count)"])
            var applicable: [Envelope] = []
            var queries: [Envelope] = []
            for inbound in batch {
                switch inbound {
                case .acks(let ids): dispatcher.acknowledged(ids)
                case .nacks(let ids, let reason):
                    dispatcher.refusedByBroker(ids, reason: reason)
                    for id in ids { pending.fail(id, with: .unroutable(destination: "?", reason: reason)) }
                case .message(let envelope):
                    if envelope.header.correlationId != nil, let acknowledge = pending.resolve(envelope) {
                        // A query's reply was sent directly: no outbox waits for its ACK.
                        if acknowledge { client.acknowledge([envelope.header.id], to: envelope.header.source) }
                    } else if case .query? = handlers.entry(for: envelope.header.type) {
                        queries.append(envelope)
                    } else {
                        applicable.append(envelope)
                    }
                }
            }
            if !queries.isEmpty { Task { await self.answer(queries) } }
            guard !applicable.isEmpty else { continue }
            do {
                let acks = try await processor.apply(applicable)
                for (source, ids) in acks { client.acknowledge(ids, to: source) }
                dispatcher.wake()
            } catch {
                logger.error("inbox batch failed; senders will re-send", metadata: ["error": "\(error)", "count": "\(applicable.count)"])
            }
        }
    }

    private func answer(_ queries: [Envelope]) async {
        for envelope in queries {
            guard case .query(let body, let replyType)? = handlers.entry(for: envelope.header.type) else { continue }
            let context = QueryContext(store: store, envelope: envelope, now: now())
            var type = replyType
            var payload: [UInt8]
            do {
                _ = try registry.validate(envelope.header)
                payload = try await body(envelope, context)
            } catch {
                let reply = (error as? BusError)?.errorReply ?? (error as? ErrorReply)
                    ?? ErrorReply(code: .internalFailure, message: "query failed")
                if reply.code == .internalFailure {
                    logger.error("query handler failed", metadata: ["type": "\(envelope.header.type)", "error": "\(error)"])
                }
                statistics.refusedCounter.add(1, ordering: .relaxed)
                type = ErrorReply.messageType
                payload = (try? PayloadCodec.encode(reply)) ?? []
            }
            let header = EnvelopeHeader(
                id: MessageID.make(now: now()), type: type.name, version: type.version, source: outbox.source,
                destination: envelope.header.source, correlationId: envelope.header.id, causationId: envelope.header.id)
            client.send(Envelope(header: header, payload: payload))
        }
    }

    private func pruneInbox() async {
        while !Task.isCancelled {
            let cutoff = Int64(now().timeIntervalSince1970 * 1000) - Int64(configuration.inboxRetentionHours) * 3_600_000
            _ = try? await store.pool.write { db in try InboxTable.prune(db, receivedBefore: cutoff) }
            try? await Task.sleep(for: .seconds(600))
        }
    }
}
