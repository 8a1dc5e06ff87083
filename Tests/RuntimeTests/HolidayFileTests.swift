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

    @Test func locatorFollowsItsOrderAndNeverLooksInTheWorkingFolder() throws {
        let explicit = try temporaryFile(#"{"version":1,"years":{"2026":[]}}"#)
        let root = URL(fileURLWithPath: "/nonexistent-root")
        let executable = URL(fileURLWithPath: "/opt/songdal/bin/songdal-notifier")
        #expect(ReferenceData.installedLocations(of: "holidays-kr.json", executable: executable).map(\.path) == [
            "/opt/songdal/share/songdal/holidays-kr.json", "/usr/share/songdal/holidays-kr.json",
        ])
        var asked: [String] = []
        let everything: (URL) -> Bool = { asked.append($0.path); return true }
        // An explicit path wins, from the flag or else from the environment.
        #expect(BusinessCalendar.source(
            explicit: explicit, environment: ["SONGDAL_HOLIDAYS": "/elsewhere.json"], currentDirectory: root,
            executable: executable, isReadable: everything) == .file(explicit))
        #expect(BusinessCalendar.source(
            environment: ["SONGDAL_HOLIDAYS": "h.json"], currentDirectory: root,
            executable: executable, isReadable: everything).description == "/nonexistent-root/h.json")
        #expect(asked.isEmpty)
        // Then the installed copies, in order.
        #expect(BusinessCalendar.source(
            environment: [:], currentDirectory: root, executable: executable,
            isReadable: { $0.path.hasPrefix("/usr/") }) == .file(URL(fileURLWithPath: "/usr/share/songdal/holidays-kr.json")))
        #expect(BusinessCalendar.source(
            environment: [:], currentDirectory: root, executable: executable,
            isReadable: everything) == .file(URL(fileURLWithPath: "/opt/songdal/share/songdal/holidays-kr.json")))
        // Then the compiled-in copy; the working folder is never asked.
        asked = []
        let source = BusinessCalendar.source(
            environment: [:], currentDirectory: root, executable: executable, isReadable: { asked.append($0.path); return false })
        #expect(source == .embedded("holidays-kr.json"))
        #expect(asked == ["/opt/songdal/share/songdal/holidays-kr.json", "/usr/share/songdal/holidays-kr.json"])
        #expect(try BusinessCalendar.load(from: source).coveredYears.isSuperset(of: 2026...2031))
    }

    @Test func anExplicitPathIsAuthoritative() {
        // A typo in SONGDAL_HOLIDAYS is an error naming the path, not a fall-back to another copy.
        #expect {
            try BusinessCalendar.loadDefault(environment: ["SONGDAL_HOLIDAYS": "/nonexistent/holidays-kr.jsno"])
        } throws: { error in
            guard case .fileUnreadable(let path, _) = error as? CalendarError else { return false }
            return path == "/nonexistent/holidays-kr.jsno"
        }
    }
}

/// Writes `text` to a fresh temporary file.
func temporaryFile(_ text: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appending(path: "songdal-test-\(UUID().uuidString).json")
    try Data(text.utf8).write(to: url)
    return url
}
