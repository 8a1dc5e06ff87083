import Foundation
import GRDB
import Store
import Testing

@Suite("Bound statements")
struct BoundStatementTests {
    func store() throws -> (ServiceStore, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bound-\(UUID().uuidString)")
        let store = try ServiceStore(directory: folder, service: "test", migrations: [Migration("t") { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, s TEXT, b BLOB, k TEXT UNIQUE)")
        }])
        return (store, folder)
    }

    @Test("values bound in place round-trip; unchanged bindings carry over to the next row")
    func roundTrip() throws {
        let (store, folder) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.pool.write { db in
            let insert = try BoundStatement(db, cached: "INSERT INTO t (n, s, b, k) VALUES (?, ?, ?, ?)")
            try insert.bind("기관 \"A\"", at: 2)
            for n in 0..<3 {
                try insert.bind(n == 1 ? nil : n, at: 1)
                try insert.bind(n == 2 ? [] : [UInt8(n), 0, 255], at: 3)
                try insert.bind("k\(n)", at: 4)
                try insert.execute()
            }
        }
        try store.pool.read { db in
            let select = try BoundStatement(db, cached: "SELECT n, s, b, typeof(b) FROM t ORDER BY id")
            var rows: [(Int?, [UInt8], [UInt8])] = []
            while try select.step() {
                rows.append((select.isNull(0) ? nil : select.int(0), select.bytes(1), select.bytes(2)))
                #expect(select.bytes(3) == Array("blob".utf8))
            }
            #expect(rows.map(\.0) == [0, nil, 2])
            #expect(rows.allSatisfy { $0.1 == Array("기관 \"A\"".utf8) })
            #expect(rows.map(\.2) == [[0, 0, 255], [1, 0, 255], []])
        }
    }

    @Test("a failing step throws GRDB's DatabaseError with the result code, and the statement is usable again")
    func errors() throws {
        let (store, folder) = try store()
        defer { try? FileManager.default.removeItem(at: folder) }
        try store.pool.write { db in
            let insert = try BoundStatement(db, cached: "INSERT INTO t (k) VALUES (?)")
            try insert.bind("same", at: 1)
            try insert.execute()
            do {
                try insert.execute()
                Issue.record("a duplicate key was accepted")
            } catch let error as DatabaseError {
                #expect(error.resultCode == .SQLITE_CONSTRAINT)
            }
            try insert.bind("other", at: 1)
            try insert.execute()
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") == 2)
        }
    }
}
