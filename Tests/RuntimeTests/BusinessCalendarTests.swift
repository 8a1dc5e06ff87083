import Foundation
import Testing
@testable import Runtime

@Suite struct BusinessCalendarTests {
    let calendar: BusinessCalendar

    init() throws {
        calendar = try BusinessCalendar.load(from: repositoryFile("data/holidays-kr.json"))
    }

    @Test func yearTotalsMatchSpec() throws {
        #expect(try calendar.businessDays(inYear: 2026) == 245)
        #expect(try calendar.businessDays(inYear: 2027) == 246)
        #expect(calendar.coveredYears.isSuperset(of: 2026...2031))
    }

    @Test func labourAndConstitutionDayAreHolidaysFrom2026() throws {
        #expect(try calendar.isBusinessDay(day("2026-05-01")) == false)
        #expect(try calendar.isBusinessDay(day("2026-07-17")) == false)
        #expect(calendar.holidayName(day("2026-05-01")) == "노동절")
        #expect(calendar.holidayName(day("2026-07-17")) == "제헌절")
        #expect(try calendar.isBusinessDay(day("2026-07-16")))
    }

    @Test func seollal2026() throws {
        // Fri 02-13 is the last business day before; Thu 02-19 the first after.
        #expect(try calendar.nextBusinessDay(after: day("2026-02-13")) == day("2026-02-19"))
        #expect(try calendar.nextBusinessDay(onOrAfter: day("2026-02-16")) == day("2026-02-19"))
        #expect(try calendar.previousBusinessDay(onOrBefore: day("2026-02-18")) == day("2026-02-13"))
        #expect(try calendar.previousBusinessDay(before: day("2026-02-19")) == day("2026-02-13"))
    }

    @Test func chuseok2026WithSubstituteForNationalFoundationDay() throws {
        // 09-24..26 Chuseok, 10-03 (Sat) National Foundation Day → 10-05 substitute.
        #expect(try calendar.nextBusinessDay(after: day("2026-09-23")) == day("2026-09-28"))
        #expect(try calendar.nextBusinessDay(after: day("2026-10-02")) == day("2026-10-06"))
        #expect(try calendar.isBusinessDay(day("2026-10-05")) == false)
        #expect(try calendar.previousBusinessDay(before: day("2026-10-06")) == day("2026-10-02"))
        #expect(calendar.holidayName(day("2026-09-25")) == "추석")
    }

    @Test func chuseok2027() throws {
        #expect(try calendar.nextBusinessDay(onOrAfter: day("2027-09-14")) == day("2027-09-17"))
        #expect(try calendar.previousBusinessDay(onOrBefore: day("2027-09-16")) == day("2027-09-13"))
    }

    @Test func aBusinessDayIsItsOwnOnOrAfter() throws {
        #expect(try calendar.nextBusinessDay(onOrAfter: day("2026-09-23")) == day("2026-09-23"))
        #expect(try calendar.previousBusinessDay(onOrBefore: day("2026-09-23")) == day("2026-09-23"))
    }

    @Test func uncoveredYearsThrowEvenWhenAWalkCrossesIntoThem() throws {
        #expect(throws: CalendarError.yearNotCovered(2032)) { try calendar.isBusinessDay(day("2032-03-02")) }
        #expect(throws: CalendarError.yearNotCovered(2032)) { try calendar.businessDays(inYear: 2032) }
        #expect(throws: CalendarError.yearNotCovered(2032)) { try calendar.nextBusinessDay(after: day("2031-12-31")) }
        #expect(throws: CalendarError.yearNotCovered(2025)) {
            try calendar.previousBusinessDay(before: day("2026-01-02"))
        }
        #expect(throws: CalendarError.yearNotCovered(2032)) { try calendar.requireYears(2031...2032) }
        try calendar.requireYears(2026...2031)
    }

    @Test func adHocHolidayIsAddedToACopy() throws {
        let extra = calendar.adding(holiday: day("2026-09-23"), name: "임시공휴일")
        #expect(try extra.isBusinessDay(day("2026-09-23")) == false)
        #expect(try extra.nextBusinessDay(onOrAfter: day("2026-09-23")) == day("2026-09-28"))
        #expect(try extra.businessDays(inYear: 2026) == 244)
        #expect(try calendar.isBusinessDay(day("2026-09-23")), "the original is a value and unchanged")
        let uncovered = calendar.adding(holiday: day("2032-01-03"), name: "임시")
        #expect(throws: CalendarError.yearNotCovered(2032)) { try uncovered.isBusinessDay(day("2032-01-04")) }
    }

    @Test func emptyYearIsCoveredAndWeekdaysCount() throws {
        let bare = BusinessCalendar(holidays: [:], coveredYears: 2030...2030)
        #expect(try bare.businessDays(inYear: 2030) == 261)
    }
}

/// A `LocalDate` from a literal known to be valid; an invalid literal fails the test loudly.
func day(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> LocalDate {
    guard let date = LocalDate(text) else {
        Issue.record("bad date literal \(text)", sourceLocation: sourceLocation)
        return LocalDate(dayNumber: 0)
    }
    return date
}

/// A file of this repository, found from this source file's location.
func repositoryFile(_ relativePath: String) -> URL {
    URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: relativePath)
}
