import Foundation
import Testing
@testable import Runtime

@Suite struct LocalDateTests {
    @Test func parsesAndPrintsISO() throws {
        let date = try #require(LocalDate("2026-09-24"))
        #expect(date.year == 2026 && date.month == 9 && date.day == 24)
        #expect(date.description == "2026-09-24")
        #expect(LocalDate(String(describing: date)) == date)
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "+026-01-01", "2026/01/01", "", "2026-01-011"])
    func rejectsInvalidText(_ text: String) {
        #expect(LocalDate(text) == nil)
    }

    @Test func validatesComponents() {
        #expect(LocalDate(year: 2028, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2100, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2026, month: 4, day: 31) == nil)
        #expect(LocalDate(year: 0, month: 1, day: 1) == nil)
    }

    @Test func weekdaysMatchTheRealCalendar() throws {
        // 2026-01-01 was a Thursday; 2026-10-03 a Saturday; 2026-10-04 a Sunday.
        #expect(try #require(LocalDate("2026-01-01")).weekday == 5)
        #expect(try #require(LocalDate("2026-10-03")).weekday == 7)
        #expect(try #require(LocalDate("2026-10-04")).weekday == 1)
        #expect(try #require(LocalDate("2026-10-04")).isWeekend)
        #expect(try #require(LocalDate("2026-10-05")).isWeekend == false)
        #expect(try #require(LocalDate("1969-12-31")).weekday == 4)
    }

    @Test func arithmeticCrossesMonthsYearsAndLeapDays() throws {
        let newYearsEve = try #require(LocalDate("2027-12-31"))
        #expect(newYearsEve.adding(days: 1).description == "2028-01-01")
        #expect(try #require(LocalDate("2028-03-01")).adding(days: -1).description == "2028-02-29")
        #expect(try #require(LocalDate("2026-01-01")).days(until: try #require(LocalDate("2027-01-01"))) == 365)
        #expect(newYearsEve.days(until: newYearsEve.adding(days: -40)) == -40)
        #expect(try #require(LocalDate("2026-12-31")) < newYearsEve)
    }

    @Test func codableUsesISOStrings() throws {
        let date = try #require(LocalDate("2026-05-01"))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-05-01"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }
}
