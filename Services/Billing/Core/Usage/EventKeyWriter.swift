import GRDB

/// Records events' dedupe keys in `usage_event`, a hundred rows per statement, and says which
/// were new (BI-4).
///
/// One `INSERT` per event cost more in statement overhead than the B-tree insert itself. A
/// multi-row plain `INSERT` fails whole (SQLite backs out just that statement; the transaction
/// goes on) when any of its keys was recorded before or repeats within the chunk; only then is
/// the chunk recorded one row at a time with `INSERT OR IGNORE`, which tells the first
/// occurrence (new) from a repeat (duplicate), exactly as recording every event singly would.
enum EventKeyWriter {
    static let rowsPerStatement = 100

    /// One `usage_event` row.
    struct Row {
        var key: String
        var institution: String
        var item: String
        var quantity: Int64
        var occurredAt: Int64
        var billingMonth: String

        fileprivate func append(to values: inout [DatabaseValue]) {
            values.append(key.databaseValue)
            values.append(institution.databaseValue)
            values.append(item.databaseValue)
            values.append(quantity.databaseValue)
            values.append(occurredAt.databaseValue)
            values.append(billingMonth.databaseValue)
        }
    }

    /// Inserts `rows` in order; element `i` of the result is whether row `i` was new.
    static func insert(_ rows: [Row], in db: Database) throws -> [Bool] {
        var fresh = [Bool](repeating: true, count: rows.count)
        var values: [DatabaseValue] = []
        values.reserveCapacity(min(rows.count, rowsPerStatement) * 6)
        for first in stride(from: 0, to: rows.count, by: rowsPerStatement) {
            let chunk = first..<min(first + rowsPerStatement, rows.count)
            values.removeAll(keepingCapacity: true)
            for index in chunk { rows[index].append(to: &values) }
            do {
                try db.cachedStatement(sql: sql(rows: chunk.count, orIgnore: false)).execute(arguments: StatementArguments(values))
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                let single = try db.cachedStatement(sql: sql(rows: 1, orIgnore: true))
                for index in chunk {
                    values.removeAll(keepingCapacity: true)
                    rows[index].append(to: &values)
                    try single.execute(arguments: StatementArguments(values))
                    fresh[index] = db.changesCount > 0
                }
            }
        }
        return fresh
    }

    private static func sql(rows: Int, orIgnore: Bool) -> String {
        "INSERT \(orIgnore ? "OR IGNORE " : "")INTO usage_event (event_key, institution, item, quantity, occurred_at, billing_month) VALUES "
            + Array(repeating: "(?,?,?,?,?,?)", count: rows).joined(separator: ",")
    }
}
