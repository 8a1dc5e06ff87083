import Foundation
import Runtime

/// A calendar month in Korea (KST), the unit of invoicing, written `YYYY-MM`.
public struct BillingMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The month's first day; every other figure derives from it.
    public let firstDay: LocalDate

    /// Parses exactly `YYYY-MM`; anything else is a `malformed_month` error.
    public init(parsing text: String, field: String = "month") throws(BillingError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
              let date = LocalDate(text + "-01")
        else { throw .malformedMonth(text, field: field) }
        firstDay = date
    }

    /// The KST month of an instant.
    public init(of instant: Date) { self.init(of: KST.localDate(of: instant)) }

    /// The month of a KST date.
    public init(of date: LocalDate) { firstDay = date.adding(days: 1 - date.day) }

    public var year: Int { firstDay.year }
    public var month: Int { firstDay.month }
    public var dayCount: Int { LocalDate.daysInMonth(year: year, month: month) }
    public var lastDay: LocalDate { firstDay.adding(days: dayCount - 1) }
    public var next: BillingMonth { BillingMonth(of: firstDay.adding(days: dayCount)) }
    /// January of the same year: where the annual send count starts (BI-1).
    public var startOfYear: BillingMonth { BillingMonth(of: firstDay.adding(days: -dayOfYearOffset)) }
    /// The first instant after the month (its end, exclusive).
    public var end: Date { KST.instant(next.firstDay) }

    public func contains(_ date: LocalDate) -> Bool { date.year == year && date.month == month }

    /// `YYYY-MM`.
    public var description: String { String(firstDay.description.prefix(7)) }

    public static func < (lhs: BillingMonth, rhs: BillingMonth) -> Bool { lhs.firstDay < rhs.firstDay }

    private var dayOfYearOffset: Int {
        (1..<month).reduce(0) { $0 + LocalDate.daysInMonth(year: year, month: $1) }
    }
}
