import Foundation
import GRDB

/// The first 8 bytes of a keyed hash as a signed integer: the key of the person indexes.
///
/// An index of 32-byte blobs is three times the size of one of integers, and a bulk import
/// or a batch resolve spends most of its time walking those pages. The prefix alone is not
/// unique (two people may share it), so every lookup also compares the full hash:
/// `WHERE ci_key = ? AND ci_hash = ?`.
enum LookupKey {
    static func of(_ hash: [UInt8]) -> Int64 {
        var value: UInt64 = 0
        for byte in hash.prefix(8) { value = value << 8 | UInt64(byte) }
        return Int64(bitPattern: value)
    }

    /// Fills `column` from `hashColumn` for every row of `table` (a migration's backfill).
    static func backfill(_ table: String, column: String, from hashColumn: String, in db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT rowid, \(hashColumn) FROM \(table)")
        let update = try db.makeStatement(sql: "UPDATE \(table) SET \(column) = ? WHERE rowid = ?")
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let hash: [UInt8] = [UInt8](row[1] as Data)
            try update.execute(arguments: [of(hash), id])
        }
    }
}
