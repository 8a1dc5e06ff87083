import Foundation
import GRDB
import Runtime
import Store

/// Synthetic guarantees for the benchmark: valid business numbers (SPEC §6 check digit), test
/// phone numbers (`010-0xxx-xxxx`), kinds and amounts mixed, end dates over 2026-12..2027-12.
enum BenchmarkData {
    static let kinds = GuaranteeKind.allCases

    /// A valid business number for member `index`.
    static func businessNumber(_ index: Int) -> String {
        var digits = String(format: "%09d", 100_000_000 + index % 800_000_000).compactMap { $0.wholeNumberValue }
        digits = Array(digits.prefix(9))
        let check = BusinessNumber.checkDigit(digits + [0])
        return digits.map(String.init).joined() + String(check)
    }

    static func endDate(_ index: Int) -> LocalDate {
        let base = LocalDate(year: 2026, month: 12, day: 1) ?? LocalDate(year: 2027, month: 1, day: 1)!
        return base.adding(days: (index &* 7919) % 390)
    }

    static func writeCSV(rows: Int, to url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var text = GuaranteeRow.columns.joined(separator: ",") + "\n"
        for index in 0..<rows {
            let member = index / 10
            let end = endDate(index)
            text += "G\(index),\(businessNumber(member)),회사\(member),대표\(member),010-0\(String(format: "%03d", member % 1000))-\(String(format: "%04d", member % 10_000)),"
            text += "\(kinds[index % kinds.count].rawValue),\((index % 50 + 1) * 1_000_000),\(end.adding(days: -365)),\(end)\n"
            if text.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(text.utf8))
                text = ""
            }
        }
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// Adds guarantees `from..<to` directly in SQL (send dates from a precomputed table), marking
    /// those due before `asOf` as already reminded.
    static func fill(_ store: ServiceStore, from: Int, to: Int, calendar: BusinessCalendar, asOf: LocalDate) async throws {
        guard to > from else {
            try await store.pool.write { db in
                try db.execute(sql: "UPDATE guarantees SET state = 1 WHERE send_date < ?", arguments: [asOf.description])
            }
            return
        }
        try await store.pool.write { db in
            try db.execute(sql: "CREATE TEMP TABLE bench_dates (offset INTEGER PRIMARY KEY, end_date TEXT, send_date TEXT)")
            for offset in 0..<390 {
                let end = endDate(0).adding(days: offset)
                let send = try? ReminderRule.sendDate(endDate: end, calendar: calendar)
                try db.execute(sql: "INSERT INTO bench_dates VALUES (?, ?, ?)", arguments: [offset, end.description, send?.description])
            }
            try db.execute(sql: "UPDATE guarantees SET state = 1 WHERE send_date < ?", arguments: [asOf.description])
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
                INSERT INTO guarantees (guarantee_no, business_number, kind, amount, start_date, end_date, send_date, target, state)
                SELECT 'G' || i, g.business_number, 'contract', ((i % 50) + 1) * 1000000, d.end_date, d.end_date, d.send_date,
                       CASE WHEN (i % 50) + 1 >= 10 THEN 1 ELSE 0 END,
                       CASE WHEN d.send_date < ? THEN 1 ELSE 0 END
                FROM n JOIN bench_dates d ON d.offset = (i * 7919) % 390
                JOIN (SELECT business_number FROM members LIMIT 1) g
                """, arguments: [from, to, asOf.description])
        }
    }
}
