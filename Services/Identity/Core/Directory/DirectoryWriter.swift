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

    private static let select = "SELECT id, ci_hash, carrier, kind, mvno_host, status, updated_at, full_sync FROM identity_line WHERE phone_hash = ?"
    private static let insertNew = """
        INSERT INTO identity_line (ci_hash, ci_key, phone_hash, carrier, kind, mvno_host, status, updated_at, ci_sealed, phone_sealed, full_sync)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(phone_hash) DO NOTHING
        """
    private static let update = """
        UPDATE identity_line SET ci_hash = ?, ci_key = ?, ci_sealed = ?, carrier = ?, kind = ?, mvno_host = ?, status = ?,
        updated_at = ?, full_sync = ? WHERE id = ?
        """
    private static let updateLine = """
        UPDATE identity_line SET carrier = ?, kind = ?, mvno_host = ?, status = ?, updated_at = ?, full_sync = ? WHERE id = ?
        """
    private static let touch = "UPDATE identity_line SET full_sync = ? WHERE id = ?"

    /// Applies rows hashed and sealed ahead (the import path), reporting each outcome. A new
    /// line is one statement: the insert itself finds the phone taken (`ON CONFLICT DO
    /// NOTHING`), and only then is the stored line read and reconciled; the prepared
    /// boxes of an unchanged row are dropped.
    func apply(_ rows: [PreparedRow], in db: Database, outcome: (UpsertOutcome) -> Void) throws {
        let insert = try BoundStatement(db, cached: Self.insertNew)
        try insert.bind(fullSync ?? 0, at: 11)
        for prepared in rows {
            let row = prepared.row
            try insert.bind(prepared.ciHash, at: 1)
            try insert.bind(LookupKey.of(prepared.ciHash), at: 2)
            try insert.bind(prepared.phoneHash, at: 3)
            try insert.bind(StoredCodes.code(row.carrier), at: 4)
            try insert.bind(StoredCodes.code(row.kind), at: 5)
            try insert.bind(row.mvnoHost.map(StoredCodes.code), at: 6)
            try insert.bind(StoredCodes.code(row.status), at: 7)
            try insert.bind(row.updatedAt, at: 8)
            try insert.bind(prepared.ciSealed, at: 9)
            try insert.bind(prepared.phoneSealed, at: 10)
            try insert.execute()
            if db.changesCount > 0 {
                outcome(.inserted)
                continue
            }
            let select = try db.cachedStatement(sql: Self.select)
            select.setUncheckedArguments([Data(prepared.phoneHash)])
            guard let existing = try Row.fetchOne(select) else {
                throw IdentityErrors.lineNotFound  // unreachable: the insert just met this phone
            }
            outcome(try reconcile(row, ciHash: prepared.ciHash, existing: existing, ciSealed: prepared.ciSealed, in: db))
        }
    }

    /// Compares `row` with the stored line `existing` (columns of `select`) and writes what changed.
    private func reconcile(_ row: DirectoryRow, ciHash: [UInt8], existing: Row, ciSealed: [UInt8],
                           in db: Database) throws -> UpsertOutcome {
        let ciData = Data(ciHash)
        let carrier = StoredCodes.code(row.carrier)
        let kind = StoredCodes.code(row.kind)
        let host = row.mvnoHost.map(StoredCodes.code)
        let status = StoredCodes.code(row.status)
        let id: Int64 = existing[0]
        let storedAt: Int64 = existing[6]
        let seen = fullSync ?? existing[7]
        let same = (existing[1] as Data) == ciData && existing[2] == carrier && existing[3] == kind
            && (existing[4] as Int?) == host && existing[5] == status
        if storedAt > row.updatedAt || (storedAt == row.updatedAt && same) {
            if let fullSync, existing[7] != fullSync {
                let touch = try db.cachedStatement(sql: Self.touch)
                touch.setUncheckedArguments([fullSync, id])
                try touch.execute()
            }
            return storedAt > row.updatedAt ? .stale : .unchanged
        }
        if (existing[1] as Data) == ciData {
            let update = try db.cachedStatement(sql: Self.updateLine)
            update.setUncheckedArguments([carrier, kind, host, status, row.updatedAt, seen, id])
            try update.execute()
        } else {
            // The number now belongs to another person: a fresh CI box; the phone box stays.
            let update = try db.cachedStatement(sql: Self.update)
            update.setUncheckedArguments([ciData, LookupKey.of(ciHash), Data(ciSealed), carrier, kind, host, status, row.updatedAt, seen, id])
            try update.execute()
        }
        return .updated
    }
}
