import Foundation
import GRDB
import Store
import Testing

@Suite("Store page size")
struct PageSizeTests {
    func pageSize(_ store: ServiceStore) throws -> Int {
        try store.pool.read { try Int.fetchOne($0, sql: "PRAGMA page_size") ?? 0 }
    }

    @Test("a new store takes the configured page size; an existing one keeps the size it was made with")
    func configuredOnCreation() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("page-size-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = Migration("t") { db in try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)") }
        do {
            let store = try ServiceStore(directory: folder, service: "large", migrations: [table], pageSize: 16_384)
            #expect(try pageSize(store) == 16_384)
            try store.pool.write { db in try db.execute(sql: "INSERT INTO t (b) VALUES (zeroblob(40000))") }
        }
        let reopened = try ServiceStore(directory: folder, service: "large", migrations: [table])
        #expect(try pageSize(reopened) == 16_384)
        #expect(try reopened.pool.read { try Int.fetchOne($0, sql: "SELECT length(b) FROM t") } == 40_000)
        let small = try ServiceStore(directory: folder, service: "default", migrations: [table])
        #expect(try pageSize(small) == StoreConfiguration.defaultPageSize)
    }
}
