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
    func upsert(_ guarantee: Guarantee, in db: Database) throws -> Bool {
        let sendDate = sendDate(endDate: guarantee.endDate)
        try db.cachedStatement(sql: """
            INSERT INTO guarantees (guarantee_no, business_number, kind, amount, start_date, end_date, send_date, target, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)
            ON CONFLICT (guarantee_no) DO UPDATE SET
                business_number = excluded.business_number, kind = excluded.kind, amount = excluded.amount,
                start_date = excluded.start_date, end_date = excluded.end_date, send_date = excluded.send_date,
                target = excluded.target,
                state = CASE WHEN guarantees.state = 2 AND guarantees.end_date <> excluded.end_date THEN 0 ELSE guarantees.state END
            WHERE guarantees.business_number <> excluded.business_number OR guarantees.kind <> excluded.kind
               OR guarantees.amount <> excluded.amount OR guarantees.start_date <> excluded.start_date
               OR guarantees.end_date <> excluded.end_date OR guarantees.send_date IS NOT excluded.send_date
            """).execute(arguments: [
                guarantee.number, guarantee.businessNumber.digits, guarantee.kind.rawValue, guarantee.amount,
                guarantee.startDate.description, guarantee.endDate.description, sendDate?.description,
                ReminderRule.isTarget(kind: guarantee.kind, amount: guarantee.amount),
            ])
        return db.changesCount > 0
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
