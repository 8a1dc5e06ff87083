import GRDB

/// Adds a batch's running totals to the store in multi-row upserts (one statement per 100
/// rows rather than one per row: the statement, not the B-tree, is the cost).
enum AggregateWriter {
    static let rowsPerStatement = 100

    static func add(_ aggregates: [AggregateKey: Int64], in db: Database) throws {
        try upsert(aggregates.map { [$0.key.institution, $0.key.billingMonth, $0.key.usageMonth, $0.key.item, $0.value] }, sql: { marks in
            """
            INSERT INTO usage_aggregate (institution, billing_month, usage_month, item, quantity) VALUES \(marks)
            ON CONFLICT (billing_month, institution, usage_month, item) DO UPDATE SET quantity = quantity + excluded.quantity
            """
        }, width: 5, in: db)
    }

    static func add(_ storage: [StorageKey: Int64], in db: Database) throws {
        try upsert(storage.map { [$0.key.institution, $0.key.day, $0.key.billingMonth, $0.value] }, sql: { marks in
            """
            INSERT INTO storage_day (institution, day, billing_month, hundredths) VALUES \(marks)
            ON CONFLICT (institution, day, billing_month) DO UPDATE SET hundredths = hundredths + excluded.hundredths
            """
        }, width: 4, in: db)
    }

    private static func upsert(_ rows: [[any DatabaseValueConvertible]], sql: (String) -> String, width: Int, in db: Database) throws {
        let tuple = "(" + Array(repeating: "?", count: width).joined(separator: ",") + ")"
        for first in stride(from: 0, to: rows.count, by: rowsPerStatement) {
            let chunk = rows[first..<min(first + rowsPerStatement, rows.count)]
            let marks = Array(repeating: tuple, count: chunk.count).joined(separator: ",")
            let statement = try db.cachedStatement(sql: sql(marks))
            let values: [(any DatabaseValueConvertible)?] = chunk.flatMap { $0 }
            try statement.execute(arguments: StatementArguments(values))
        }
    }
}
