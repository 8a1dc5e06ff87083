import Formats
import Foundation
import GRDB
import ReminderCore
import Runtime
import Schema
import SongdalTesting
import Store
import Testing

@Suite("CSV import (RE-1)")
struct ImportTests {
    func records(_ text: String, chunk: Int = 3) -> [CSVRecord] {
        var reader = CSVReader()
        var out: [CSVRecord] = []
        let bytes = Array(text.utf8)
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            reader.feed(bytes[start..<min(start + chunk, bytes.count)]) { out.append($0) }
        }
        reader.finish { out.append($0) }
        return out
    }

    @Test("RFC 4180: quotes, doubled quotes, commas and newlines inside quotes, CRLF, split across chunks")
    func reader() {
        let parsed = records("a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",x,y\r\nlast,1,2")
        #expect(parsed.map(\.fields) == [["a", "b,1", "say \"hi\""], ["multi\nline", "x", "y"], ["last", "1", "2"]])
        #expect(parsed.map(\.line) == [1, 2, 4])
        #expect(parsed.allSatisfy { $0.error == nil })
    }

    @Test("a broken quote is an error on its line, and reading goes on")
    func brokenQuote() {
        let parsed = records("ok,1\nbad\"x,2\n\"closed\"junk,3\nfine,4\n\"never closed,5\n")
        #expect(parsed.map(\.line) == [1, 2, 3, 4, 5])
        #expect(parsed.map { $0.error?.code } == [nil, "broken_quote", "broken_quote", nil, "unterminated_quote"])
        #expect(parsed[3].fields == ["fine", "4"])
    }

    func store() throws -> (ServiceStore, GuaranteeImporter) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reminder-import-\(UUID().uuidString)")
        let store = try ServiceStore(directory: folder, service: "reminder", migrations: ReminderService.migrations)
        let importer = GuaranteeImporter(store: store, calendar: try TestCluster.repositoryCalendar(),
                                         clock: FakeWallClock(at("2026-11-23", 11)))
        return (store, importer)
    }

    @Test("bad rows are typed errors with their line; good rows are stored")
    func badRows() async throws {
        let (store, importer) = try store()
        let text = csv([
            csvLine("G1", end: "2026-12-31"),
            "G2,123-45-67890,회사,대표,010-0000-0002,contract,20000000,2026-01-01,2026-12-31",
            csvLine("G3", start: "2026-12-01", end: "2026-11-30"),
            csvLine("G4", amount: -5, end: "2026-12-31"),
            csvLine("G5", kind: "lottery", end: "2026-12-31"),
            csvLine("G6", end: "2026-13-01"),
            "G7,too,few",
            csvLine("G8", kind: "입찰", end: "2026-12-31"),
        ])
        let report = try await importer.importText(text, actor: "test")
        #expect(report.rows == 8)
        #expect(report.accepted == 2)
        #expect(report.errors.map(\.code.rawValue) == ["invalid_business_number", "end_before_start", "negative_amount", "unknown_kind",
                                             "invalid_date", "wrong_field_count"])
        #expect(report.errors.map(\.line) == [3, 4, 5, 6, 7, 8])
        #expect(report.errors[1].field == "end_date")
        let count = try await store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM guarantees") }
        #expect(count == 2)
    }

    @Test("re-import is idempotent by guarantee number; a changed end date updates the send date")
    func idempotent() async throws {
        let (store, importer) = try store()
        let first = try await importer.importText(csv([csvLine("G1", end: "2026-12-31"), csvLine("G2", end: "2027-01-15")]), actor: "t")
        #expect(first.changed == 2)
        let again = try await importer.importText(csv([csvLine("G1", end: "2026-12-31"), csvLine("G2", end: "2027-01-15")]), actor: "t")
        #expect(again.accepted == 2 && again.changed == 0)
        let moved = try await importer.importText(csv([csvLine("G1", end: "2027-01-05")]), actor: "t")
        #expect(moved.changed == 1)
        let row = try await store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT end_date, send_date FROM guarantees WHERE guarantee_no = 'G1'").map { [$0[0] as String, $0[1] as String] }
        }
        #expect(row == ["2027-01-05", "2026-12-21"])   // 2027-01-05 − 15 = 2026-12-21, a Monday
        let total = try await store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM guarantees") }
        #expect(total == 2)
    }

    @Test("a file is imported streamed, in batches")
    func file() async throws {
        var (store, importer) = try store()
        importer.batchSize = 7
        importer.chunkSize = 100
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("g-\(UUID().uuidString).csv")
        try csv((0..<50).map { csvLine("F\($0)", member: $0 % 5, end: "2027-03-31") }).write(to: url, atomically: true, encoding: .utf8)
        let report = try await importer.importFile(url, actor: "t")
        #expect(report.accepted == 50 && report.errors.isEmpty)
        let counts = try await store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM guarantees"), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM members"))
        }
        #expect(counts.0 == 50 && counts.1 == 5)
    }
}
