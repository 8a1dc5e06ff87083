import Foundation
import Runtime

/// The sending window (NO-4): 10:00–18:00 KST on business days of the shared calendar.
/// Checked at dispatch on every attempt, retry and reminder, not only when scheduling.
struct SendingWindow: Sendable {
    let calendar: BusinessCalendar
    var opensAt = 10 * 3600
    var closesAt = 18 * 3600

    /// Whether a certified message may leave at `instant`.
    func isOpen(at instant: Date) throws -> Bool {
        let day = KST.localDate(of: instant)
        let seconds = KST.secondsSinceMidnight(of: instant)
        return try calendar.isBusinessDay(day) && seconds >= opensAt && seconds < closesAt
    }

    /// `instant` when the window is open then, else the next opening (business day 10:00).
    func nextOpening(onOrAfter instant: Date) throws -> Date {
        if try isOpen(at: instant) { return instant }
        var day = KST.localDate(of: instant)
        if KST.secondsSinceMidnight(of: instant) >= opensAt { day = day.adding(days: 1) }
        let business = try calendar.nextBusinessDay(onOrAfter: day)
        return KST.instant(business, hour: opensAt / 3600)
    }
}
