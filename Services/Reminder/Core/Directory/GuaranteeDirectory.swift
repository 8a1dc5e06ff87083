import GRDB
import Runtime

/// Writes guarantees, with their computed send date, inside a caller's transaction.
///
/// The send date (RE-3) is stored so the daily selection is an index range; it is recomputed on
/// every upsert, and left NULL while the calendar does not cover its year (filled in by
/// `fillMissingSendDates` once it does). Send dates are memoised per end date: an import of a
/// million rows has a few thousand distinct end dates.
// `@unchecked Sendable`: owned by one import or one run at a time (its memo is not shared).
final class GuaranteeDirectory: @unchecked Sendable {
    let calendar: BusinessCalendar
    private var sendDates: [LocalDate: LocalDate?] = [:]
    private var dateTexts: [LocalDate: String] = [:]

    init(calendar: BusinessCalendar) {
        self.calendar = calendar
    }

    /// The send date of a guarantee ending on `end`, or nil when the calendar cannot say yet.
    func sendDate(endDate end: LocalDate) -> LocalDate? {
        if let known = sendDates[end] { return known }
        let date = try? ReminderRule.sendDate(endDate: end, calendar: calendar)
        sendDates[end] = date
        return date
    }

    /// Creates or updates `guarantee`; returns whether anything changed. A changed end date of a
    /// guarantee whose reminder had expired unsent makes it wait again; a reminded guarantee stays
    /// reminded (at most one reminder per guarantee and recipient, ever).
    func upsert(_ guarantee: Guarantee, institution: String? = nil, in db: Database) throws -> Bool {
        try upsertAll([guarantee], institution: institution, in: db) > 0
    }

    /// Upserts `guarantees` in order, a hundred rows per statement (the per-statement overhead,
    /// not SQLite's work, dominated an import); returns how many rows changed. Each row is the
    /// `upsert(_:in:)` of one guarantee — a number repeated within a statement updates the row
    /// its earlier occurrence wrote, as consecutive single upserts would.
    /// `institution` (the importer, billed for the reminders) replaces the stored one when given.
    func upsertAll(_ guarantees: [Guarantee], institution: String? = nil, in db: Database) throws -> Int {
        var changed = 0
        var values: [DatabaseValue] = []
        values.reserveCapacity(min(guarantees.count, Self.rowsPerStatement) * 9)
        for first in stride(from: 0, to: guarantees.count, by: Self.rowsPerStatement) {
            let chunk = guarantees[first..<min(first + Self.rowsPerStatement, guarantees.count)]
            values.removeAll(keepingCapacity: true)
            for guarantee in chunk {
                values.append(guarantee.number.databaseValue)
                values.append(guarantee.businessNumber.digits.databaseValue)
                values.append(guarantee.kind.rawValue.databaseValue)
                values.append(guarantee.amount.databaseValue)
                values.append(text(guarantee.startDate).databaseValue)
                values.append(text(guarantee.endDate).databaseValue)
                values.append(sendDate(endDate: guarantee.endDate).map(text).databaseValue)
                values.append(ReminderRule.isTarget(kind: guarantee.kind, amount: guarantee.amount).databaseValue)
                values.append(institution.databaseValue)
            }
            try db.cachedStatement(sql: Self.upsertSQL(rows: chunk.count)).execute(arguments: StatementArguments(values))
            changed += db.changesCount
        }
        return changed
    }

    static let rowsPerStatement = 100

    /// `date.description`, memoised: an import has few distinct dates and many rows.
    private func text(_ date: LocalDate) -> String {
        if let known = dateTexts[date] { return known }
        let text = date.description
        dateTexts[date] = text
        return text
    }

    private static func upsertSQL(rows: Int) -> String {
        """
        INSERT INTO guarantees (guarantee_no, business_number, kind, amount, start_date, end_date, send_date, target, institution, state)
        VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", count: rows).joined(separator: ", "))
        ON CONFLICT (guarantee_no) DO UPDATE SET
            business_number = excluded.business_number, kind = excluded.kind, amount = excluded.amount,
            start_date = excluded.start_date, end_date = excluded.end_date, send_date = excluded.send_date,
            target = excluded.target, institution = COALESCE(excluded.institution, guarantees.institution),
            state = CASE WHEN guarantees.state = 2 AND guarantees.end_date <> excluded.end_date THEN 0 ELSE guarantees.state END
        WHERE guarantees.business_number <> excluded.business_number OR guarantees.kind <> excluded.kind
           OR guarantees.amount <> excluded.amount OR guarantees.start_date <> excluded.start_date
           OR guarantees.end_date <> excluded.end_date OR guarantees.send_date IS NOT excluded.send_date
           OR (excluded.institution IS NOT NULL AND guarantees.institution IS NOT excluded.institution)
        """
    }

    /// Computes send dates left NULL because the calendar did not cover them when stored.
    func fillMissingSendDates(in db: Database) throws -> Int {
        let rows = try Row.fetchAll(db, sql: """
            SELECT guarantee_no, end_date FROM guarantees WHERE target = 1 AND state = 0 AND send_date IS NULL
            """)
        var filled = 0
        for row in rows {
            guard let end = LocalDate(row[1] as String), let date = sendDate(endDate: end) else { continue }
            try db.execute(sql: "UPDATE guarantees SET send_date = ? WHERE guarantee_no = ?",
                           arguments: [date.description, row[0] as String])
            filled += 1
        }
        return filled
    }
}
