import Foundation
import Runtime

/// Instants for `songdal up --clock`, computed from today so that no test meets its clock in the
/// real calendar one day and turns red (main was red from 2026-11-23 for that reason).
enum PlatformClock {
    /// 11:00 KST on the first business day after today: a clock in the future, in the window.
    static func nextBusinessDay() throws -> String {
        try nextBusinessDay(hour: 11)
    }

    /// `hour`:00 KST on the first business day after today (20 is outside the sending window).
    static func nextBusinessDay(hour: Int) throws -> String {
        let calendar = try BusinessCalendar.loadEmbedded()
        let today = KST.localDate(of: Date())
        let day = try calendar.nextBusinessDay(after: today)
        return "\(day)T\(hour < 10 ? "0" : "")\(hour):00:00+09:00"
    }

    /// 11:00 KST on the last business day before today: a clock in the past, in the window.
    static func previousBusinessDay() throws -> String {
        let calendar = try BusinessCalendar.loadEmbedded()
        let today = KST.localDate(of: Date())
        return at11(try calendar.previousBusinessDay(before: today))
    }

    /// `YYYY-MM-DDT11:00:00+09:00`.
    static func at11(_ date: LocalDate) -> String { "\(date)T11:00:00+09:00" }
}
