import Foundation
import GRDB

/// A service's own SQLite database: WAL mode, one writer and a few readers (a GRDB
/// `DatabasePool`), the bus tables of the reliability contract, and the service's migrations.
///
/// Nothing else ever opens this file (SPEC X-1): other services ask over the bus.
public final class ServiceStore: Sendable {
    /// The pool; `write` runs one transaction on the single writer connection.
    public let pool: DatabasePool
    public let path: URL

    /// Opens (creating if needed) the store and applies the bus migrations, then `migrations`.
    public init(configuration: StoreConfiguration, migrations: [Migration] = []) throws(StoreError) {
        path = configuration.path
        do {
            try FileManager.default.createDirectory(
                at: configuration.path.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(path: configuration.path.path, reason: "\(error)")
        }
        var config = Configuration()
        config.maximumReaderCount = configuration.maximumReaderCount
        config.busyMode = .timeout(configuration.busyTimeout)
        config.label = configuration.path.lastPathComponent
        let synchronous = configuration.synchronousFull ? "FULL" : "NORMAL"
        let pageSize = configuration.pageSize
        config.prepareDatabase { db in
            // Takes effect only while the file is still empty (see `StoreConfiguration.pageSize`).
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA page_size = \(pageSize)") }
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            // Bulk imports touch several indexes per row: the writer gets a 16 MiB page cache
            // (default 2 MiB); readers keep the default so a pool's RSS stays small.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -16384") }
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            pool = try DatabasePool(path: configuration.path.path, configuration: config)
        } catch {
            throw .cannotOpen(path: configuration.path.path, reason: "\(error)")
        }
        var migrator = DatabaseMigrator()
        for migration in BusTables.migrations + migrations {
            migrator.registerMigration(migration.identifier) { db in try migration.apply(db) }
        }
        do {
            try migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw .migrationFailed(identifier: "\(error.sql ?? "")", reason: error.message ?? "\(error)")
        } catch {
            throw .migrationFailed(identifier: "unknown", reason: "\(error)")
        }
    }

    /// Convenience: `<directory>/<service>.sqlite`.
    public convenience init(directory: URL, service: String, migrations: [Migration] = [],
                            pageSize: Int = StoreConfiguration.defaultPageSize) throws(StoreError) {
        var configuration = StoreConfiguration(path: directory.appendingPathComponent("\(service).sqlite"))
        configuration.pageSize = pageSize
        try self.init(configuration: configuration, migrations: migrations)
    }
}
