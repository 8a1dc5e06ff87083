import Metrics

extension ServiceMain {
    /// Gauge set when a service loads its calendar: 1 when the next KST year is missing and the
    /// current one ends within ``BusinessCalendar/coverageWarningDays`` days (the SPEC §6 operator
    /// alarm), else 0. Set at start-up, so a service running across the threshold reports it at
    /// its next start.
    public static let calendarNextYearMissingMetric = "songdal_calendar_next_year_missing"

    /// The warning to log at start when the calendar will soon run out (SPEC §6), or `nil`.
    ///
    /// ```swift
    /// if let warning = ServiceMain.calendarWarning(calendar: calendar, clock: clock) {
    ///     logger.warning("\(warning)", metadata: warning.logMetadata)
    /// }
    /// ```
    public static func calendarWarning(calendar: BusinessCalendar, clock: any WallClock) -> CalendarCoverageWarning? {
        calendar.coverageWarning(at: clock.now)
    }

    /// Sets ``calendarNextYearMissingMetric`` for `calendar` at `clock`'s time.
    static func recordCalendarCoverage(calendar: BusinessCalendar, clock: any WallClock) {
        let missing = calendarWarning(calendar: calendar, clock: clock) != nil
        Gauge(label: calendarNextYearMissingMetric).record(missing ? 1 : 0)
    }
}
