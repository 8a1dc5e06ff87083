import Foundation
import GRDB
import Schema
import Store

/// Applies validated rows to `identity_line` inside a caller's transaction.
///
/// A line is keyed by its phone number (one number belongs to one line at a time). A row older
/// than the stored record is `stale`; one equal to it is `unchanged` — nothing is written, not
/// even fresh ciphertexts, so a re-sent file changes nothing (ID-1).
struct DirectoryWriter {
    /// For a full sync: the generation stamped on every line the file lists.
    var fullSync: Int64?

    private static let select = """
        SELECT id, ci_hash, carrier, kind, mvno_host, status, updated_at, full_sync FROM identity_line WHERE \(PhoneLookup.condition)
        """
    private static let insertNew = """
        INSERT INTO identity_line (ci_hash, ci_key, phone_hash, phone_key, carrier, kind, mvno_host, status, updated_at, ci_sealed,
                                   phone_sealed, full_sync)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    private static let update = """
        UPDATE identity_line SET ci_hash = ?, ci_key = ?, ci_sealed = ?, carrier = ?, kind = ?, mvno_host = ?, status = ?,
        updated_at = ?, full_sync = ? WHERE id = ?
        """
    private static let updateLine = """
        UPDATE identity_line SET carrier = ?, kind = ?, mvno_host = ?, status = ?, updated_at = ?, full_sync = ? WHERE id = ?
        """
    private static let touch = "UPDATE identity_line SET full_sync = ? WHERE id = ?"

    /// Applies rows hashed and sealed ahead (the import path), reporting each outcome. The
    /// phone's line is looked up first (`PhoneLookup`); a new phone is inserted, a known one
    /// reconciled, and the prepared boxes of an unchanged row are dropped.
    func apply(_ rows: [PreparedRow], in db: Database, outcome: (UpsertOutcome) -> Void) throws {
        let find = try BoundStatement(db, cached: Self.select)
        let insert = try BoundStatement(db, cached: Self.insertNew)
        try insert.bind(fullSync ?? 0, at: 12)
        for prepared in rows {
            let row = prepared.row
            let phoneKey = LookupKey.of(prepared.phoneHash)
            try find.bind(phoneKey, at: 1)
            try find.bind(prepared.phoneHash, at: 2)
            if try find.step() {
                let existing = StoredLine(find)
                find.reset()
                outcome(try reconcile(row, ciHash: prepared.ciHash, existing: existing, ciSealed: prepared.ciSealed, in: db))
                continue
            }
            try insert.bind(prepared.ciHash, at: 1)
            try insert.bind(LookupKey.of(prepared.ciHash), at: 2)
            try insert.bind(prepared.phoneHash, at: 3)
            try insert.bind(phoneKey, at: 4)
            try insert.bind(StoredCodes.code(row.carrier), at: 5)
            try insert.bind(StoredCodes.code(row.kind), at: 6)
            try insert.bind(row.mvnoHost.map(StoredCodes.code), at: 7)
            try insert.bind(StoredCodes.code(row.status), at: 8)
            try insert.bind(row.updatedAt, at: 9)
            try insert.bind(prepared.ciSealed, at: 10)
            try insert.bind(prepared.phoneSealed, at: 11)
            try insert.execute()
            outcome(.inserted)
        }
    }

    /// A stored line as `select` reads it.
    private struct StoredLine {
        let id: Int64
        let ciHash: [UInt8]
        let carrier: Int, kind: Int, host: Int?, status: Int
        let updatedAt: Int64
        let fullSync: Int64

        init(_ statement: BoundStatement) {
            id = statement.int64(0)
            ciHash = statement.bytes(1)
            carrier = statement.int(2)
            kind = statement.int(3)
            host = statement.isNull(4) ? nil : statement.int(4)
            status = statement.int(5)
            updatedAt = statement.int64(6)
            fullSync = statement.int64(7)
        }
    }

    /// Compares `row` with the stored line `existing` and writes what changed.
    private func reconcile(_ row: DirectoryRow, ciHash: [UInt8], existing: StoredLine, ciSealed: [UInt8],
                           in db: Database) throws -> UpsertOutcome {
        let carrier = StoredCodes.code(row.carrier)
        let kind = StoredCodes.code(row.kind)
        let host = row.mvnoHost.map(StoredCodes.code)
        let status = StoredCodes.code(row.status)
        let seen = fullSync ?? existing.fullSync
        let same = existing.ciHash == ciHash && existing.carrier == carrier && existing.kind == kind
            && existing.host == host && existing.status == status
        if existing.updatedAt > row.updatedAt || (existing.updatedAt == row.updatedAt && same) {
            if let fullSync, existing.fullSync != fullSync {
                let touch = try db.cachedStatement(sql: Self.touch)
                touch.setUncheckedArguments([fullSync, existing.id])
                try touch.execute()
            }
            return existing.updatedAt > row.updatedAt ? .stale : .unchanged
        }
        if existing.ciHash == ciHash {
            let update = try db.cachedStatement(sql: Self.updateLine)
            update.setUncheckedArguments([carrier, kind, host, status, row.updatedAt, seen, existing.id])
            try update.execute()
        } else {
            // The number now belongs to another person: a fresh CI box; the phone box stays.
            let update = try db.cachedStatement(sql: Self.update)
            update.setUncheckedArguments([Data(ciHash), LookupKey.of(ciHash), Data(ciSealed), carrier, kind, host, status, row.updatedAt,
                                          seen, existing.id])
            try update.execute()
        }
        return .updated
    }
}
