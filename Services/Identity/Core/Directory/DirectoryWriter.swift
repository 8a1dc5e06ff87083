import Foundation
import GRDB
import Schema

/// Applies validated rows to `identity_line` inside a caller's transaction.
///
/// A line is keyed by its phone number (one number belongs to one line at a time). A row older
/// than the stored record is `stale`; one equal to it is `unchanged` — nothing is written, not
/// even fresh ciphertexts, so a re-sent file changes nothing (ID-1).
struct DirectoryWriter {
    let cipher: IdentityCipher
    /// For a full sync: the generation stamped on every line the file lists.
    var fullSync: Int64?

    private static let select = "SELECT id, ci_hash, carrier, kind, mvno_host, status, updated_at, full_sync FROM identity_line WHERE phone_hash = ?"
    private static let insert = """
        INSERT INTO identity_line (ci_hash, phone_hash, carrier, kind, mvno_host, status, updated_at, ci_sealed, phone_sealed, full_sync)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    private static let insertNew = insert + " ON CONFLICT(phone_hash) DO NOTHING"
    private static let update = """
        UPDATE identity_line SET ci_hash = ?, ci_sealed = ?, carrier = ?, kind = ?, mvno_host = ?, status = ?,
        updated_at = ?, full_sync = ? WHERE id = ?
        """
    private static let updateLine = """
        UPDATE identity_line SET carrier = ?, kind = ?, mvno_host = ?, status = ?, updated_at = ?, full_sync = ? WHERE id = ?
        """
    private static let touch = "UPDATE identity_line SET full_sync = ? WHERE id = ?"

    func apply(_ row: DirectoryRow, in db: Database) throws -> UpsertOutcome {
        try apply(row, ciHash: cipher.ciHash(row.ci), phoneHash: cipher.phoneHash(row.phone), in: db)
    }

    func apply(_ row: DirectoryRow, ciHash: [UInt8], phoneHash: [UInt8], in db: Database) throws -> UpsertOutcome {
        let phoneData = Data(phoneHash)
        let select = try db.cachedStatement(sql: Self.select)
        select.setUncheckedArguments([phoneData])
        guard let existing = try Row.fetchOne(select) else {
            let insert = try db.cachedStatement(sql: Self.insert)
            insert.setUncheckedArguments(insertArguments(
                row, ciHash: ciHash, phoneHash: phoneData, ciSealed: try cipher.seal(row.ci, hash: ciHash),
                phoneSealed: try cipher.seal(row.phone, hash: phoneHash)))
            try insert.execute()
            return .inserted
        }
        return try reconcile(row, ciHash: ciHash, existing: existing, ciSealed: { try cipher.seal(row.ci, hash: ciHash) }, in: db)
    }

    /// Applies a row hashed and sealed ahead (the import path). A new line is one statement:
    /// the insert itself finds the phone taken (`ON CONFLICT DO NOTHING`), and only then is the
    /// stored line read and reconciled as above; the prepared boxes of an unchanged row are dropped.
    func apply(_ prepared: PreparedRow, in db: Database) throws -> UpsertOutcome {
        let row = prepared.row
        let phoneData = Data(prepared.phoneHash)
        let insert = try db.cachedStatement(sql: Self.insertNew)
        insert.setUncheckedArguments(insertArguments(
            row, ciHash: prepared.ciHash, phoneHash: phoneData, ciSealed: prepared.ciSealed, phoneSealed: prepared.phoneSealed))
        try insert.execute()
        if db.changesCount > 0 { return .inserted }
        let select = try db.cachedStatement(sql: Self.select)
        select.setUncheckedArguments([phoneData])
        guard let existing = try Row.fetchOne(select) else {
            throw IdentityErrors.lineNotFound  // unreachable: the insert just met this phone
        }
        return try reconcile(row, ciHash: prepared.ciHash, existing: existing, ciSealed: { prepared.ciSealed }, in: db)
    }

    private func insertArguments(_ row: DirectoryRow, ciHash: [UInt8], phoneHash: Data, ciSealed: [UInt8],
                                 phoneSealed: [UInt8]) -> StatementArguments {
        [Data(ciHash), phoneHash, StoredCodes.code(row.carrier), StoredCodes.code(row.kind), row.mvnoHost.map(StoredCodes.code),
         StoredCodes.code(row.status), row.updatedAt, Data(ciSealed), Data(phoneSealed), fullSync ?? 0]
    }

    /// Compares `row` with the stored line `existing` (columns of `select`) and writes what changed.
    private func reconcile(_ row: DirectoryRow, ciHash: [UInt8], existing: Row, ciSealed: () throws -> [UInt8],
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
            update.setUncheckedArguments([ciData, Data(try ciSealed()), carrier, kind, host, status, row.updatedAt, seen, id])
            try update.execute()
        }
        return .updated
    }
}
