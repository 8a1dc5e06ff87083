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

    @Test func aMissingNextYearStopsStartUp() throws {
        let clock = FakeWallClock(isoInstant("2027-06-01T00:00:00Z"))
        #expect {
            try ServiceMain.loadCalendar(configuration: configuration(holidays: holidays), clock: clock)
        } throws: { error in
            guard case .calendar(.yearNotCovered(2028)) = error as? StartupError else { return false }
            return true
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
