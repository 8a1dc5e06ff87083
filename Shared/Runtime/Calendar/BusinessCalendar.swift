/// Korean business days (SPEC §6): weekends and listed public holidays are not business days.
///
/// The rules are data: holidays come from `data/holidays-kr.json`, and a year that is not in the
/// data is an error rather than a silent "every weekday is a business day".
public struct BusinessCalendar: Sendable {
    /// Holidays and their names (Korean), e.g. `2026-09-25: 추석`.
    public let holidays: [LocalDate: String]
    /// Years the data speaks for; a covered year with no holidays is legitimate.
    public let coveredYears: Set<Int>

    /// Creates a calendar from explicit data (tests, or an operator's own source).
    public init(holidays: [LocalDate: String], coveredYears: Set<Int>) {
        self.holidays = holidays
        self.coveredYears = coveredYears
    }

    /// Creates a calendar covering a contiguous range of years.
    public init(holidays: [LocalDate: String], coveredYears: ClosedRange<Int>) {
        self.init(holidays: holidays, coveredYears: Set(coveredYears))
    }

    /// Whether work happens on `date`: not a weekend and not a holiday.
    public func isBusinessDay(_ date: LocalDate) throws(CalendarError) -> Bool {
        try requireCovered(date)
        return !date.isWeekend && holidays[date] == nil
    }

    /// `date` itself when it is a business day, else the first business day after it.
    public func nextBusinessDay(onOrAfter date: LocalDate) throws(CalendarError) -> LocalDate {
        try walk(from: date, step: 1)
    }

    /// The first business day strictly after `date`.
    public func nextBusinessDay(after date: LocalDate) throws(CalendarError) -> LocalDate {
        try walk(from: date.adding(days: 1), step: 1)
    }

    /// `date` itself when it is a business day, else the last business day before it.
    public func previousBusinessDay(onOrBefore date: LocalDate) throws(CalendarError) -> LocalDate {
        try walk(from: date, step: -1)
    }

    /// The last business day strictly before `date`.
    public func previousBusinessDay(before date: LocalDate) throws(CalendarError) -> LocalDate {
        try walk(from: date.adding(days: -1), step: -1)
    }

    /// Number of business days in a covered year.
    public func businessDays(inYear year: Int) throws(CalendarError) -> Int {
        guard coveredYears.contains(year) else { throw .yearNotCovered(year) }
        guard let first = LocalDate(year: year, month: 1, day: 1) else { throw .yearNotCovered(year) }
        let length = LocalDate.isLeapYear(year) ? 366 : 365
        return (0..<length).count { offset in
            let date = first.adding(days: offset)
            return !date.isWeekend && holidays[date] == nil
        }
    }

    /// The holiday's name, or `nil` on an ordinary day (weekends have no name).
    public func holidayName(_ date: LocalDate) -> String? {
        holidays[date]
    }

    /// A copy with an ad-hoc holiday added (e.g. a temporary public holiday declared by the
    /// government). It does not make an uncovered year covered.
    public func adding(holiday: LocalDate, name: String) -> BusinessCalendar {
        var holidays = holidays
        holidays[holiday] = name
        return BusinessCalendar(holidays: holidays, coveredYears: coveredYears)
    }

    /// Fails unless every year in `years` is covered: services call it at start-up so a missing
    /// year stops them instead of mis-scheduling notices.
    public func requireYears(_ years: ClosedRange<Int>) throws(CalendarError) {
        for year in years where !coveredYears.contains(year) {
            throw .yearNotCovered(year)
        }
    }

    private func requireCovered(_ date: LocalDate) throws(CalendarError) {
        guard coveredYears.contains(date.year) else { throw .yearNotCovered(date.year) }
    }

    // Terminates: each step either finds a business day or eventually leaves the finite set of
    // covered years, which throws.
    private func walk(from start: LocalDate, step: Int) throws(CalendarError) -> LocalDate {
        var date = start
        while try !isBusinessDay(date) {
            date = date.adding(days: step)
        }
        return date
    }
}
