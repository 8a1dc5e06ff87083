import Foundation

/// Instants are stored as integer milliseconds since the epoch (UTC).
enum Millis {
    static func of(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(millis) / 1000) }
    static func date(_ millis: Int64?) -> Date? { millis.map(date) }
}
