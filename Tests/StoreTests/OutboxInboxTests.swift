import Foundation
import GRDB
import Schema
import Store
import Testing

@Suite("Store: outbox, inbox, dead letter")
struct OutboxInboxTests {
    let registry = MessageRegistry([.command("t.do", handledBy: "other"), .event("t.happened", subscribers: ["a", "b", "c"])])

    struct Do: BusMessage {
        static let messageType = MessageType.command("t.do", handledBy: "other")
        let n: Int
    }

    struct Happened: BusMessage {
        static let messageType = MessageType.event("t.happened", subscribers: ["a", "b", "c"])
        let n: Int
    }

    func makeStore() throws -> ServiceStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        return try ServiceStore(directory: folder, service: "me")
    }

    func writer() -> OutboxWriter {
        OutboxWriter(source: "me/1", registry: registry, now: { Date(timeIntervalSince1970: 1_795_399_200) })
    }

    @Test("a state change rolled back takes its outbox rows with it")
    func transactional() throws {
        let store = try makeStore()
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.pool.write { db in
                try writer().send(Do(n: 1), in: db)
                throw Boom()
            }
        }
        #expect(try store.pool.read { try OutboxTable.depth($0) } == 0)
        try store.pool.write { db in try writer().send(Do(n: 2), in: db) }
        let rows = try store.pool.read { try OutboxTable.fetch($0, after: 0, limit: 10) }
        #expect(rows.count == 1)
        #expect(rows[0].envelope.header.destination == "other")
        #expect(rows[0].envelope.header.source == "me/1")
        #expect(try PayloadCodec.decode(Do.self, from: rows[0].envelope.payload).n == 2)
    }

    @Test("an event is fanned out to every declared subscriber, one row each")
    func fanOut() throws {
        let store = try makeStore()
        let ids = try store.pool.write { db in try writer().publish(Happened(n: 7), in: db) }
        #expect(ids.count == 3)
        let rows = try store.pool.read { try OutboxTable.fetch($0, after: 0, limit: 10) }
        #expect(Set(rows.map(\.envelope.header.destination)) == ["a", "b", "c"])
    }

    @Test("the inbox claims an id once and forgets ids past retention")
    func inbox() throws {
        let store = try makeStore()
        let id = MessageID.make(now: Date(timeIntervalSince1970: 1_795_399_200))
        let results = try store.pool.write { db -> [Bool] in
            [
                try InboxTable.claim(db, id: id, receivedAt: 1_000),
                try InboxTable.claim(db, id: id, receivedAt: 2_000),
                try InboxTable.prune(db, receivedBefore: 1_001) == 1,
                try InboxTable.claim(db, id: id, receivedAt: 3_000),
            ]
        }
        #expect(results == [true, false, true, true])
    }

    @Test("a dead letter keeps its attempts and reason and can be re-queued by an operator")
    func deadLetter() throws {
        let store = try makeStore()
        let id = try store.pool.write { db in try writer().send(Do(n: 3), in: db) }
        try store.pool.write { db in
            try OutboxTable.recordRetry(db, id: id, attempt: 500, dueAt: 0, error: "no ACK")
            try OutboxTable.moveToDeadLetter(db, id: id, reason: "no ACK after 500 attempts", now: 42)
        }
        let letters = try store.pool.read { try DeadLetterTable.list($0) }
        #expect(letters.count == 1)
        #expect(letters[0].id == id)
        #expect(letters[0].attempts == 500)
        #expect(letters[0].direction == .outgoing)
        #expect(try store.pool.read { try OutboxTable.depth($0) } == 0)
        #expect(try store.pool.write { try DeadLetterTable.requeue($0, id: id, now: 50) })
        #expect(try store.pool.read { try OutboxTable.depth($0) } == 1)
        #expect(try store.pool.read { try DeadLetterTable.count($0) } == 0)
        #expect(try !store.pool.write { try DeadLetterTable.requeue($0, id: id, now: 60) })
    }

    @Test("a store that cannot be created is a typed error")
    func unopenable() throws {
        #expect(throws: StoreError.self) {
            try ServiceStore(configuration: StoreConfiguration(path: URL(fileURLWithPath: "/proc/nope/me.sqlite")))
        }
    }
}
