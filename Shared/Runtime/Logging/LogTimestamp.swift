import Foundation

/// RFC 3339 UTC timestamps with milliseconds, e.g. `2026-11-21T09:00:00.123Z`.
///
/// Hand-rolled on the civil-day arithmetic: `ISO8601DateFormatter` is slow and not obviously
/// thread-safe on every platform, and this runs once per log line.
enum LogTimestamp {
    static func format(_ instant: Date) -> String {
        let raw = (instant.timeIntervalSince1970 * 1000).rounded(.down)
        let milliseconds = raw.isFinite && abs(raw) < 1e17 ? Int(raw) : 0
        let days = CivilDays.floorDiv(milliseconds, 86_400_000)
        let inDay = milliseconds - days * 86_400_000
        let date = LocalDate(dayNumber: days)
        return date.description + "T" + LocalDate.padded(inDay / 3_600_000, 2) + ":"
            + LocalDate.padded(inDay / 60_000 % 60, 2) + ":" + LocalDate.padded(inDay / 1000 % 60, 2)
            + "." + LocalDate.padded(inDay % 1000, 3) + "Z"
    }
}
