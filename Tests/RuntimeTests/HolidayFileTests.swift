import Foundation
import Testing
@testable import Runtime

@Suite struct HolidayFileTests {
    @Test(arguments: [
        (#"{"version":1,"years":{"2026":[{"date":"2026-02-30","name":"x"}]}}"#, "2026-02-30"),
        (#"{"version":1,"years":{"2026":[{"date":"2027-01-01","name":"x"}]}}"#, "listed under year 2026"),
        (#"{"version":2,"years":{"2026":[]}}"#, "unsupported version 2"),
        (#"{"version":1,"years":{"26":[]}}"#, "four-digit year"),
        (#"{"version":1,"years":{"+202":[]}}"#, "four-digit year"),
        (#"{"version":1,"years":{}}"#, "no years"),
        (#"{"version":1,"years":{"2026":[{"date":"2026-01-01","name":"a"},{"date":"2026-01-01","name":"b"}]}}"#, "twice"),
        (#"{"version":1,"years":{"2026":[{"date":"2026-01-01"}]}}"#, "name"),
        (#"{"version":1,"years":"#, "songdal-test-"),  // truncated JSON; the reason names the file
    ])
    func malformedFilesAreTypedErrors(json: String, expectedFragment: String) throws {
        let url = try temporaryFile(json)
        do {
            _ = try BusinessCalendar.load(from: url)
            Issue.record("loaded a malformed file")
        } catch {
            guard case .malformed(let reason) = error else {
                Issue.record("expected malformed, got \(error)")
                return
            }
            #expect(reason.contains(expectedFragment), "\(reason)")
        }
    }

    @Test func emptyYearCountsAsCovered() throws {
        let url = try temporaryFile(#"{"version":1,"years":{"2031":[]}}"#)
        let calendar = try BusinessCalendar.load(from: url)
        #expect(calendar.coveredYears == [2031])
        #expect(try calendar.isBusinessDay(day("2031-01-01")))
    }

    @Test func missingFileIsUnreadable() {
        let url = URL(fileURLWithPath: "/nonexistent/holidays-kr.json")
        #expect {
            try BusinessCalendar.load(from: url)
        } throws: { error in
            guard case .fileUnreadable(let path, _) = error as? CalendarError else { return false }
            return path == "/nonexistent/holidays-kr.json"
        }
    }

    @Test func locatorFollowsItsOrderAndListsWhereItLooked() throws {
        let explicit = try temporaryFile(#"{"version":1,"years":{"2026":[]}}"#)
        let root = URL(fileURLWithPath: "/nonexistent-root")
        let withEnv = BusinessCalendar.searchLocations(
            environment: ["SONGDAL_HOLIDAYS": explicit.path], currentDirectory: root,
            executable: URL(fileURLWithPath: "/opt/songdal/bin/songdal-notifier"))
        #expect(withEnv.map(\.path) == [
            explicit.path, "/nonexistent-root/data/holidays-kr.json",
            "/opt/songdal/share/songdal/holidays-kr.json", "/usr/share/songdal/holidays-kr.json",
        ])
        #expect(try BusinessCalendar.defaultURL(searching: withEnv).path == explicit.path)

        let nowhere = [URL(fileURLWithPath: "/nonexistent/a.json"), URL(fileURLWithPath: "/nonexistent/b.json")]
        #expect(throws: CalendarError.fileUnreadable(
            path: "/nonexistent/a.json, /nonexistent/b.json",
            reason: "no readable holidays-kr.json in any of these places")) {
            try BusinessCalendar.defaultURL(searching: nowhere)
        }
    }
}

/// Writes `text` to a fresh temporary file.
func temporaryFile(_ text: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appending(path: "songdal-test-\(UUID().uuidString).json")
    try Data(text.utf8).write(to: url)
    return url
}
