import Formats
import Foundation
import GRDB
import Runtime
import Schema
import Store

/// Imports a guarantee CSV (RE-1) into the reminder store, streamed: the file is read in chunks
/// by the platform's one CSV reader (Formats) and valid rows are written a batch per
/// transaction, so memory stays flat for any size.
/// Idempotent by guarantee number: importing the same file again changes nothing; a row with a
/// new end date updates the guarantee and its send date.
public struct GuaranteeImporter: Sendable {
    public let store: ServiceStore
    public let calendar: BusinessCalendar
    public let clock: any WallClock
    public var batchSize = 5_000
    public var chunkSize = 1 << 20

    public init(store: ServiceStore, calendar: BusinessCalendar, clock: any WallClock) {
        self.store = store
        self.calendar = calendar
        self.clock = clock
    }

    /// Imports the file at `url`.
    public func importFile(_ url: URL, actor: String) async throws -> GuaranteeImportReport {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        return try await run(actor: actor) { try handle.read(upToCount: chunkSize).map { Array($0) } ?? [] }
    }

    /// Imports CSV text.
    public func importText(_ text: String, actor: String) async throws -> GuaranteeImportReport {
        var remaining = Substring(text).utf8[...]
        let size = chunkSize
        return try await run(actor: actor) {
            let chunk = Array(remaining.prefix(size))
            remaining = remaining.dropFirst(size)
            return chunk
        }
    }

    /// Imports CSV text inside an open transaction (the bus command's inbox transaction).
    static func importText(_ text: String, actor: String, institution: String? = nil, calendar: BusinessCalendar, now: Date,
                           db: Database) throws -> GuaranteeImportReport {
        let session = ImportSession(calendar: calendar, actor: actor, institution: institution, now: now)
        var reader = CSVReader(columns: .exactly(GuaranteeRow.columns.count))
        reader.feed(text.utf8) { session.accept($0) }
        reader.finish { session.accept($0) }
        try session.flush(db)
        return session.report
    }

    private func run(actor: String, next: () throws -> [UInt8]) async throws -> GuaranteeImportReport {
        let session = ImportSession(calendar: calendar, actor: actor, now: clock.now)
        var reader = CSVReader(columns: .exactly(GuaranteeRow.columns.count))
        let batch = batchSize
        while true {
            let chunk = try next()
            if chunk.isEmpty {
                reader.finish { session.accept($0) }
            } else {
                reader.feed(chunk) { session.accept($0) }
            }
            if session.pendingCount >= batch || chunk.isEmpty {
                try await store.pool.write { db in try session.flush(db) }
            }
            if chunk.isEmpty { return session.report }
        }
    }
}
