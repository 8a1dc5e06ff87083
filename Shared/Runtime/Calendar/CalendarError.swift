/// Why a business-calendar question could not be answered.
public enum CalendarError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The calendar has no holiday data for this year, so it cannot tell business days apart.
    case yearNotCovered(Int)
    /// The holiday file is not valid (bad JSON, bad date, date filed under the wrong year...).
    case malformed(String)
    /// The holiday file could not be found or read.
    case fileUnreadable(path: String, reason: String)

    /// One line an operator can act on.
    public var description: String {
        switch self {
        case .yearNotCovered(let year):
            "holiday calendar does not cover \(year); add the year to holidays-kr.json"
        case .malformed(let reason):
            "holiday calendar is malformed: \(reason)"
        case .fileUnreadable(let path, let reason):
            "holiday calendar unreadable at \(path): \(reason)"
        }
    }
}
