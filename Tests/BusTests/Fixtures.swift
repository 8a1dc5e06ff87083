import Bus
import Foundation
import GRDB
import Schema
import SongdalTesting
import Store

/// A command carrying a number, applied by the "sink" service into its `applied` table.
struct Item: BusMessage {
    static let messageType = MessageType.command("test.item", handledBy: "sink")
    let n: Int
}

/// A query answered by the sink from its store.
struct CountQuery: BusRequest {
    typealias Reply = CountReply
    static let messageType = MessageType.query("test.count", handledBy: "sink")
    let minimum: Int
}

struct CountReply: BusMessage {
    static let messageType = MessageType.reply("test.count.reply")
    let count: Int
}

/// A command with a reply through the outbox: the sink doubles the number, refusing negatives.
struct DoubleCommand: BusRequest {
    typealias Reply = DoubleReply
    static let messageType = MessageType.command("test.double", handledBy: "sink")
    let n: Int
}

struct DoubleReply: BusMessage {
    static let messageType = MessageType.reply("test.double.reply")
    let n: Int
}

let testRegistry = MessageRegistry([
    Item.messageType, CountQuery.messageType, CountReply.messageType, DoubleCommand.messageType, DoubleReply.messageType,
])

/// The receiving service: a strict table (a second insert of the same n fails the handler, so
/// a duplicate application cannot hide) and a count of handler calls.
let sinkMember = ClusterMember(
    service: "sink",
    migrations: [Migration("sink-v1") { db in
        try db.execute(sql: "CREATE TABLE applied (n INTEGER PRIMARY KEY, calls INTEGER NOT NULL)")
    }],
    registry: testRegistry
) { context in
    context.endpoint.handle(Item.self) { item, handler in
        try handler.db.execute(sql: "INSERT INTO applied (n, calls) VALUES (?, 1)", arguments: [item.n])
    }
    context.endpoint.answer(CountQuery.self) { query, context in
        let count = try await context.store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM applied WHERE n >= ?", arguments: [query.minimum]) ?? 0
        }
        return CountReply(count: count)
    }
    context.endpoint.handle(DoubleCommand.self) { command, _ in
        guard command.n >= 0 else { throw ErrorReply(code: ErrorCode(wire: "negative"), message: "n must not be negative", field: "n") }
        return DoubleReply(n: command.n * 2)
    }
    return []
}

/// The sending service: no handlers, it only writes to its outbox.
let sourceMember = ClusterMember(service: "source", registry: testRegistry) { _ in [] }

/// Writes items `range` to the source's outbox, `batch` per transaction.
func sendItems(_ endpoint: BusEndpoint, _ range: Range<Int>, batch: Int = 500) async throws {
    for start in stride(from: range.lowerBound, to: range.upperBound, by: batch) {
        let chunk = start..<min(start + batch, range.upperBound)
        try await endpoint.write { db, outbox in
            for n in chunk { try outbox.send(Item(n: n), in: db) }
        }
    }
}

func appliedCount(_ endpoint: BusEndpoint) async throws -> (rows: Int, maxCalls: Int) {
    try await endpoint.store.pool.read { db in
        (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM applied") ?? 0,
         try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(calls), 0) FROM applied") ?? 0)
    }
}

func outboxDepth(_ endpoint: BusEndpoint) async throws -> Int {
    try await endpoint.store.pool.read { try OutboxTable.depth($0) }
}

/// Whether the sink applied `expected` rows and the source's outbox is empty.
func drained(_ sink: BusEndpoint, expecting expected: Int, source: BusEndpoint) async throws -> Bool {
    let rows = try await appliedCount(sink).rows
    let depth = try await outboxDepth(source)
    return rows == expected && depth == 0
}
