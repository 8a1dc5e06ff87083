/// A calendar day in Korea (Asia/Seoul, UTC+9, no DST).
///
/// Pure proleptic-Gregorian arithmetic on a day number, so it never consults
/// `Foundation.Calendar` or the time-zone database of the host.
public struct LocalDate: Hashable, Comparable, Sendable {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...28/29/30/31.
    public let day: Int

    /// Creates a date, or `nil` when the combination does not exist (e.g. 2026-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates a date from its day number (days since 1970-01-01).
    init(dayNumber: Int) {
        let civil = CivilDays.civil(fromDays: dayNumber)
        year = civil.year
        month = civil.month
        day = civil.day
    }

    /// Days since 1970-01-01 (negative before).
    var dayNumber: Int { CivilDays.days(year: year, month: month, day: day) }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(dayNumber: dayNumber + days)
    }

    /// Day of the week: 1 = Sunday ... 7 = Saturday (the `Foundation.Calendar` convention).
    public var weekday: Int {
        // 1970-01-01 was a Thursday (5).
        let zeroBased = (dayNumber + 4) % 7
        return (zeroBased < 0 ? zeroBased + 7 : zeroBased) + 1
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool { weekday == 1 || weekday == 7 }

    /// Number of days from `self` to `other` (negative when `other` is earlier).
    public func days(until other: LocalDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// Whether `year` has a 29 February.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Number of days in a month of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Orders by year, then month, then day.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
