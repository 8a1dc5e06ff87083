import Foundation
import ReminderCore
import Runtime
import Schema
import SongdalTesting
import Store
import Testing

/// Issue 18: reminder's guarantee import reads CSV with the shared reader — the same answers as
/// the gateway's check, identity's import and the notifier's campaigns, however the file is cut.
@Suite("Reminder CSV conformance")
struct ReminderConformanceTests {
    static let place = CSVConformance.Place(header: GuaranteeRow.columns, phoneColumn: 4, row: { n in
        ["G\(n)", businessNumber(1), "회사1", "대표1", "010-0000-0001", "contract", "20000000", "2026-01-01", "2027-06-30"]
    })

    @Test("the CSV cases give the shared answer through the guarantee import, at any chunk size",
          arguments: 0..<CSVConformance.cases.count)
    func csvCases(_ index: Int) async throws {
        let testCase = CSVConformance.cases[index]
        let bytes = testCase.build(Self.place)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reminder-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("case.csv")
        try Data(bytes).write(to: url)
        for chunk in [1, 2, 3, 7, 64, 1 << 20] {
            let store = try ServiceStore(directory: folder.appendingPathComponent("\(chunk)"), service: "reminder",
                                         migrations: ReminderService.migrations)
            var importer = GuaranteeImporter(store: store, calendar: try TestCluster.repositoryCalendar(),
                                             clock: FakeWallClock(at("2026-11-23", 11)))
            importer.chunkSize = chunk
            let report = try await importer.importFile(url, actor: "test")
            let answer = CSVConformance.Answer(
                entries: report.errors.map { CSVConformance.entry(line: $0.line ?? 0, code: "\($0.code)", message: $0.message) },
                accepted: report.accepted)
            #expect(answer == testCase.answer(Self.place), "\(testCase.name), chunks of \(chunk)")
        }
    }
}
