import Foundation
import IdentityCore
import Schema
import Testing

@Suite("ID-1 directory import")
struct ImportTests {
    @Test("a mixed file loads its good rows and names each bad row by line and reason")
    func mixedFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let short = String(ci(2).dropLast(2)) + "="          // 87 characters
        let url = try scratch.file([
            header,                                          // line 1
            row(ci(1), "KT", "010-1000-0001"),               // 2 good
            row("not*base64" + String(ci(2).dropFirst(10)), "KT", "010-1000-0002"), // 3 bad base64
            row(short, "KT", "010-1000-0003"),              // 4 wrong CI length
            row(ci(3), "KTF", "010-1000-0004"),              // 5 unknown carrier
            row(ci(4), "SKT", "010-12-34"),                  // 6 malformed phone
            row(ci(5), "LGU", "010-1000-0006", updatedAt: "2026-13-01"), // 7 bad date
            row(ci(6), "LGU", "010-1000-0007"),              // 8 good
            "\"" + ci(7) + "\",SKT,\"010-1000-0008\",personal,,active,\"" + at1 + "\"", // 9 good, quoted
        ])
        let report = try scratch.directory.importCSV(url: url, now: Date(timeIntervalSince1970: 1_795_399_200))
        #expect(report.state == .finished)
        #expect(report.errors.map(\.line) == [3, 4, 5, 6, 7])
        #expect(report.errors.map(\.code.rawValue) == ["invalid_ci", "invalid_ci", "unknown_carrier", "invalid_phone", "invalid_date"])
        #expect(report.inserted == 3)
        #expect(report.rejected == 5)
        #expect(try scratch.directory.lineCount() == 3)
        #expect(try scratch.directory.resolve(ci: ci(7)).line?.phone == "01010000008")
    }

    @Test("re-sending the same file changes nothing")
    func idempotent() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file([header, row(ci(1), "KT", "010-1000-0001"), row(ci(1), "SKT", "010-1000-0002"),
                                    row(ci(2), "LGU", "010-1000-0003", status: "cancelled")])
        let first = try scratch.directory.importCSV(url: url, now: Date(timeIntervalSince1970: 1_795_399_200))
        let bytesBefore = try Data(contentsOf: scratch.store.path)
        let before = try (1...2).map { try scratch.directory.resolve(ci: ci($0), seed: 7) }
        let second = try scratch.directory.importCSV(url: url, now: Date(timeIntervalSince1970: 1_795_399_300))
        #expect(first.inserted == 3)
        #expect(second.inserted == 0 && second.updated == 0 && second.unchanged == 3)
        #expect(try scratch.directory.lineCount() == 3)
        #expect(try (1...2).map { try scratch.directory.resolve(ci: ci($0), seed: 7) } == before)
        #expect(try Data(contentsOf: scratch.store.path) == bytesBefore)
    }

    @Test("a phone listed twice in one file ends with its last row, whatever the hash order of the batch")
    func samePhoneTwiceInOneFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        // Same timestamp both times: only file order says the number went from person 1 to 2.
        // Many other phones around it, so the batch is really reordered by phone hash.
        let others = (0..<500).map { row(ci(100 + $0), "LGU", String(format: "010-3000-%04d", $0)) }
        let report = try scratch.load(Array(others[..<250]) + [row(ci(1), "KT", "010-2000-0001")] + Array(others[250...])
                                      + [row(ci(2), "KT", "010-2000-0001")])
        #expect(report.inserted == 501 && report.updated == 1)
        #expect(try scratch.directory.resolve(ci: ci(2)).line?.phone == "01020000001")
        #expect(try scratch.directory.resolve(ci: ci(1)) == .unreachable(.noSubscriber))
    }

    @Test("an incremental file updates by newer updatedAt and ignores older rows")
    func incremental() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.load([row(ci(1), "KT", "010-1000-0001", updatedAt: at2)])
        let stale = try scratch.load([row(ci(1), "KT", "010-1000-0001", status: "cancelled", updatedAt: at1)])
        #expect(stale.stale == 1)
        #expect(try scratch.directory.resolve(ci: ci(1)).line != nil)
        let newer = try scratch.load([row(ci(1), "KT", "010-1000-0001", status: "cancelled", updatedAt: "2026-11-22T09:00:00Z")])
        #expect(newer.updated == 1)
        #expect(try scratch.directory.resolve(ci: ci(1)) == .unreachable(.cancelled))
    }

    @Test("a full sync cancels the carrier's lines the file no longer lists, and no other carrier's")
    func fullSync() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.load([row(ci(1), "KT", "010-1000-0001"), row(ci(2), "KT", "010-1000-0002"), row(ci(3), "SKT", "010-1000-0003")])
        let url = try scratch.file([header, row(ci(1), "KT", "010-1000-0001")], name: "full.csv")
        let report = try scratch.directory.importCSV(url: url, mode: .full, carrier: .kt, now: Date(timeIntervalSince1970: 1_795_399_200))
        #expect(report.cancelledByFullSync == 1)
        #expect(try scratch.directory.resolve(ci: ci(2)) == .unreachable(.cancelled))
        #expect(try scratch.directory.resolve(ci: ci(1)).line != nil)
        #expect(try scratch.directory.resolve(ci: ci(3)).line != nil)
    }

    @Test("CRLF line ends, quoted fields with escapes and newlines keep line numbers right")
    func crlfAndQuotes() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file([
            header,
            row(ci(1), "KT", "010-1000-0001"),
            "\"" + ci(2) + "\",KT,010-1000-0002,\"per\nsonal\",,active," + at1,   // lines 3-4: bad kind
            row(ci(3), "KT", "bad\"quote"),                                           // line 5: broken quote
            row(ci(4), "SKT", "010-1000-0004"),                                       // line 6
        ], ending: "\r\n")
        let report = try scratch.directory.importCSV(url: url, now: Date(timeIntervalSince1970: 1_795_399_200))
        #expect(report.errors.map(\.line) == [3, 5])
        #expect(report.errors.map(\.code) == [.invalidLineKind, .brokenQuote])
        #expect(report.inserted == 2)
    }

    @Test("an unterminated quote fails the rest of the file with its line, after loading what came before")
    func unterminatedQuote() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = try scratch.file([header, row(ci(1), "KT", "010-1000-0001"), "\"" + ci(2) + ",KT"])
        let report = try scratch.directory.importCSV(url: url, now: Date(timeIntervalSince1970: 1_795_399_200))
        #expect(report.state == .failed)
        #expect(report.failure?.code == .unterminatedQuote)
        #expect(report.failure?.line == 3)
        #expect(report.inserted == 1)
    }

    @Test("the synthetic generator's file imports without a rejected row")
    func syntheticFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let url = scratch.folder.appendingPathComponent("synth.csv")
        let people = try SyntheticDirectory.write(count: 2_000, to: url)
        let report = try scratch.directory.importCSV(url: url, now: Date(timeIntervalSince1970: 1_795_399_200))
        #expect(report.rejected == 0)
        #expect(report.inserted == 2_000)
        #expect(people < 2_000 && people > 1_500)
    }
}
