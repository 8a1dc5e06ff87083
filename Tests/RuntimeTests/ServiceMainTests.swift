import Foundation
import Logging
import Testing
@testable import Runtime

@Suite struct ServiceMainTests {
    let holidays = repositoryFile("data/holidays-kr.json")

    func configuration(holidays: URL?, insecure: Bool = false) -> ServiceConfiguration {
        ServiceConfiguration(service: "reminder", insecure: insecure, holidaysPath: holidays)
    }

    @Test func calendarCoveringThisAndNextYearLoads() throws {
        let clock = FakeWallClock(isoInstant("2026-06-01T00:00:00Z"))
        let calendar = try ServiceMain.loadCalendar(configuration: configuration(holidays: holidays), clock: clock)
        #expect(try calendar.businessDays(inYear: 2026) == 245)
    }

    /// A calendar of 2026 and 2027 only, like the one shipped before 2028 was added.
    func calendarWithout2028() throws -> URL {
        try temporaryFile(#"{"version":1,"years":{"2026":[],"2027":[{"date":"2027-12-25","name":"성탄절"}]}}"#)
    }

    @Test func aMissingNextYearDoesNotStopStartUp() throws {
        // SPEC §6: only the current year is required; far from the year's end, no warning either.
        let clock = FakeWallClock(isoInstant("2027-06-01T00:00:00Z"))
        let calendar = try ServiceMain.loadCalendar(configuration: configuration(holidays: calendarWithout2028()), clock: clock)
        #expect(calendar.coveredYears == [2026, 2027])
        #expect(ServiceMain.calendarWarning(calendar: calendar, clock: clock) == nil)
    }

    @Test func aMissingNextYearIsWarnedAboutInTheYearsLast90Days() throws {
        let clock = FakeWallClock(isoInstant("2027-10-15T01:00:00Z"))
        let calendar = try ServiceMain.loadCalendar(configuration: configuration(holidays: calendarWithout2028()), clock: clock)
        let warning = try #require(ServiceMain.calendarWarning(calendar: calendar, clock: clock))
        #expect(warning == CalendarCoverageWarning(missingYear: 2028, daysLeft: 78))
        #expect(warning.description.contains("2028") && !warning.description.contains("\n"))
        // A missing year is a typed error for the operations that need it, not for the others.
        #expect(throws: CalendarError.yearNotCovered(2028)) { try calendar.isBusinessDay(day("2028-01-03")) }
        #expect(try calendar.nextBusinessDay(onOrAfter: day("2027-10-15")) == day("2027-10-15"))
    }

    @Test func aYearMissingAtStartUpStillStopsIt() throws {
        #expect {
            try ServiceMain.loadCalendar(
                configuration: configuration(holidays: calendarWithout2028()), clock: FakeWallClock(isoInstant("2028-01-10T00:00:00Z")))
        } throws: { error in
            guard case .calendar(.yearNotCovered(2028)) = error as? StartupError else { return false }
            return true
        }
    }

    @Test(arguments: ["2026-12-31T15:00:00Z", "2031-12-31T14:59:59Z", "2031-10-03T00:00:00Z"])
    func theShippedCalendarLoadsWithoutWarningUntil2031(_ instant: String) throws {
        // 2027-01-01 00:00 KST, 2031-12-31 23:59:59 KST, and 2031's last 90 days: the compiled-in
        // (or installed) calendar, no explicit path. From 2031-10-03 the missing 2032 is warned about.
        let clock = FakeWallClock(isoInstant(instant))
        let calendar = try ServiceMain.loadCalendar(configuration: configuration(holidays: nil), clock: clock, environment: [:])
        #expect(calendar.coveredYears.isSuperset(of: 2026...2031))
        let warning = ServiceMain.calendarWarning(calendar: calendar, clock: clock)
        if KST.localDate(of: clock.now).year == 2031, !calendar.coveredYears.contains(2032) {
            #expect(warning?.missingYear == 2032)
        } else {
            #expect(warning == nil)
        }
    }

    @Test func theYearIsTheKoreanYear() throws {
        // 2025-12-31T15:00Z is already 2026-01-01 in Korea; one second earlier it is still 2025.
        let config = configuration(holidays: holidays)
        #expect(throws: Never.self) {
            try ServiceMain.loadCalendar(configuration: config, clock: FakeWallClock(isoInstant("2025-12-31T15:00:00Z")))
        }
        #expect(throws: StartupError.self) {
            try ServiceMain.loadCalendar(configuration: config, clock: FakeWallClock(isoInstant("2025-12-31T14:59:59Z")))
        }
    }

    @Test func anExplicitMissingFileDoesNotFallBack() {
        let missing = URL(fileURLWithPath: "/nonexistent/holidays-kr.json")
        #expect {
            try ServiceMain.loadCalendar(
                configuration: configuration(holidays: missing), clock: FakeWallClock(isoInstant("2026-06-01T00:00:00Z")),
                environment: [:])
        } throws: { error in
            guard case .calendar(.fileUnreadable(let path, _)) = error as? StartupError else { return false }
            return path == missing.path
        }
    }

    @Test func insecureModeIsWarnedAboutAtStart() throws {
        let directory = temporaryDirectory()
        let sink = try LogSink(configuration: .init(service: "reminder", directory: directory, toStandardOutput: false))
        let clock = FakeWallClock(isoInstant("2026-06-01T00:00:00Z"))
        let logger = Logger(label: "t") { LogfmtLogHandler(label: $0, service: "reminder", sink: sink, clock: clock) }
        let context = try ServiceMain.makeContext(
            configuration: configuration(holidays: holidays, insecure: true), clock: clock, logger: logger)
        #expect(context.configuration.routingID == "reminder/1")
        let text = try String(contentsOf: directory.appending(path: "reminder.log"), encoding: .utf8)
        #expect(text.contains("level=warning") && text.contains("without CURVE"))
    }

    @Test func startupErrorsReadAsOneLine() {
        let error = StartupError.configuration(.invalidValue(source: "--log-level", value: "loud", expected: "info"))
        #expect(error.description == #"invalid --log-level "loud": expected info"#)
        #expect(!StartupError.calendar(.yearNotCovered(2028)).description.contains("\n"))
    }
}
