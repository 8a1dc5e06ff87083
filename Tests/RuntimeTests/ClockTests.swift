import Foundation
import Testing
@testable import Runtime

@Suite struct ClockTests {
    @Test func kstDayStartsNineHoursBeforeUTCMidnight() throws {
        let date = try #require(LocalDate("2026-09-24"))
        #expect(KST.instant(date) == isoInstant("2026-09-23T15:00:00Z"))
        #expect(KST.instant(date, hour: 10) == isoInstant("2026-09-24T01:00:00Z"))
        #expect(KST.localDate(of: isoInstant("2026-09-23T14:59:59Z")).description == "2026-09-23")
        #expect(KST.localDate(of: isoInstant("2026-09-23T15:00:00Z")).description == "2026-09-24")
        #expect(KST.secondsSinceMidnight(of: isoInstant("2026-09-24T01:00:30Z")) == 10 * 3600 + 30)
    }

    @Test func beforeTheEpochStillFloors() {
        let instant = isoInstant("1969-12-31T14:59:59Z")  // 23:59:59 KST on 1969-12-31
        #expect(KST.localDate(of: instant).description == "1969-12-31")
        #expect(KST.secondsSinceMidnight(of: instant) == 86_399)
    }

    @Test func fakeClockMovesOnlyWhenTold() {
        let start = isoInstant("2026-11-21T00:00:00Z")
        let clock = FakeWallClock(start)
        #expect(clock.now == start)
        clock.advance(by: 90)
        #expect(clock.now == start.addingTimeInterval(90))
        clock.set(start)
        #expect(clock.now == start)
        clock.now = start.addingTimeInterval(-1)
        #expect(clock.now == start.addingTimeInterval(-1))
    }
}

/// Parses an ISO 8601 instant for tests; a typo yields distantPast so the assertion fails visibly.
func isoInstant(_ text: String) -> Date {
    (try? Date(text, strategy: .iso8601)) ?? .distantPast
}
