import Foundation
import IdentityCore

/// The subscriber directory the walks load into identity: identity's own synthetic carrier file
/// (`songdal identity synth`) plus one known person — a synthetic CI made the way real ones are
/// (HMAC-SHA-512 of a synthetic RRN) with one personal SKT line on a test number.
enum TestDirectory {
    /// Rows from the synthetic generator (the known person comes on top).
    static let syntheticRows = 40
    /// The recipient's CI (88 characters of base64).
    static let ci = TestCIGenerator.ci(key: Array("songdal-system-test".utf8), rrn: TestCIGenerator.syntheticRRN(7))
    /// A test number (SPEC §6) the synthetic generator never hands out (it uses 010-00xx-… for so few rows).
    static let phone = "010-1999-2026"
    static var phoneDigits: String { phone.filter(\.isNumber) }

    /// Writes the file; returns how many data rows it holds.
    static func write(to url: URL) throws -> Int {
        try SyntheticDirectory.write(count: syntheticRows, to: url)
        let existing = try String(contentsOf: url, encoding: .utf8)
        guard !existing.contains(phone), !existing.contains(ci) else { throw TestDirectoryError.collision }
        let row = "\(ci),SKT,\(phone),personal,,active,2026-11-20T09:00:00+09:00\n"
        try (existing + row).write(to: url, atomically: true, encoding: .utf8)
        return syntheticRows + 1
    }
}

enum TestDirectoryError: Error {
    /// The synthetic rows already use the known person's phone or CI: the walk would be ambiguous.
    case collision
}
