import Foundation

/// Korea Standard Time: a fixed UTC+9 offset (Korea has had no DST since 1988).
///
/// Fixed arithmetic instead of `TimeZone(identifier:)` because containers often ship
/// without tzdata, and a missing zone must not silently become UTC.
public enum KST {
    /// UTC+9 in seconds.
    public static let offsetSeconds = 32_400

    private static let secondsPerDay = 86_400

    /// The Korean calendar day of an instant.
    public static func localDate(of instant: Date) -> LocalDate {
        LocalDate(dayNumber: CivilDays.floorDiv(localSeconds(of: instant), secondsPerDay))
    }

    /// The instant of a KST wall-clock time on `date`.
    ///
    /// Out-of-range components carry over (hour 24 is the next midnight), like `DateComponents`.
    public static func instant(_ date: LocalDate, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Date {
        let local = date.dayNumber * secondsPerDay + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(local - offsetSeconds))
    }

    /// Seconds elapsed since KST midnight, 0..<86400.
    public static func secondsSinceMidnight(of instant: Date) -> Int {
        let local = localSeconds(of: instant)
        return local - CivilDays.floorDiv(local, secondsPerDay) * secondsPerDay
    }

    /// Whole seconds since the epoch on the KST wall clock (fractions dropped towards the past).
    private static func localSeconds(of instant: Date) -> Int {
        let seconds = instant.timeIntervalSince1970.rounded(.down)
        // A non-finite or absurd Date must not trap the Int conversion.
        guard seconds.isFinite, abs(seconds) < 1e15 else { return 0 }
        return Int(seconds) + offsetSeconds
    }
}
