import Foundation
import Logging

/// A calendar that will soon run out (SPEC §6): from 90 days before a KST year ends, a missing
/// next year is a warning at every start and an operator alarm. It never stops a service; an
/// operation that needs the missing year fails with ``CalendarError/yearNotCovered(_:)``.
public struct CalendarCoverageWarning: Equatable, Sendable, CustomStringConvertible {
    /// The year the calendar lacks (the next KST year).
    public let missingYear: Int
    /// Days from today (KST) until that year begins, 1...``BusinessCalendar/coverageWarningDays``.
    public let daysLeft: Int

    public init(missingYear: Int, daysLeft: Int) {
        self.missingYear = missingYear
        self.daysLeft = daysLeft
    }

    /// One line an operator can act on.
    public var description: String {
        "holiday calendar does not cover \(missingYear), which begins in \(daysLeft) days; "
            + "add it to holidays-kr.json (make holidays) and restart"
    }

    /// Fields for the start-up log line.
    public var logMetadata: Logger.Metadata {
        ["missing_year": "\(missingYear)", "days_left": "\(daysLeft)"]
    }
}

extension BusinessCalendar {
    /// How long before a year ends a missing next year is warned about.
    public static let coverageWarningDays = 90

    /// A warning when `today`'s year ends within ``coverageWarningDays`` days and the next year is
    /// not covered; `nil` otherwise.
    public func coverageWarning(on today: LocalDate) -> CalendarCoverageWarning? {
        let nextYear = today.year + 1
        guard !coveredYears.contains(nextYear),
              let newYear = LocalDate(year: nextYear, month: 1, day: 1) else { return nil }
        let daysLeft = today.days(until: newYear)
        guard daysLeft <= Self.coverageWarningDays else { return nil }
        return CalendarCoverageWarning(missingYear: nextYear, daysLeft: daysLeft)
    }

    /// ``coverageWarning(on:)`` for the KST day of `instant`.
    public func coverageWarning(at instant: Date) -> CalendarCoverageWarning? {
        coverageWarning(on: KST.localDate(of: instant))
    }
}
