import Runtime

/// Which guarantees are reminded, and when (SPEC RE-2, RE-3).
public enum ReminderRule {
    /// RE-2: at least ten million won.
    public static let minimumAmount: Int64 = 10_000_000
    /// RE-3: fifteen days before the end date.
    public static let daysBeforeEnd = 15

    /// RE-2: every kind except bid and defect, amount ≥ 10,000,000 won.
    public static func isTarget(kind: GuaranteeKind, amount: Int64) -> Bool {
        kind.isReminded && amount >= minimumAmount
    }

    /// RE-3: end date − 15 days, moved back to the previous business day when that is not one
    /// (sent early, never late). Throws when the calendar does not cover the years involved.
    public static func sendDate(endDate: LocalDate, calendar: BusinessCalendar) throws(CalendarError) -> LocalDate {
        try calendar.previousBusinessDay(onOrBefore: endDate.adding(days: -daysBeforeEnd))
    }
}
