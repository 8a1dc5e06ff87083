import Foundation
import Schema

/// A synthetic carrier sync file (`songdal identity synth --count N`): N rows with realistic
/// shares — carriers about SKT 40 %, KT 30 %, LGU 20 %, MVNO 10 % riding on all three; one
/// person in ten with two or three lines; about 3 % corporate, 1 % 2G feature phones, 2 %
/// cancelled. Phones are test numbers `010-0xxx-xxxx`/`010-1xxx-xxxx` (SPEC §6), unique per row.
public enum SyntheticDirectory {
    /// Writes `count` rows (plus a header) to `url`, streaming; the same seed and key give the
    /// same file. Returns the number of distinct people (CIs).
    @discardableResult
    public static func write(count: Int, to url: URL, seed: UInt64 = 1, ciKey: [UInt8] = Array("songdal-synthetic".utf8),
                             updatedAt: String = "2026-11-20T09:00:00+09:00") throws -> Int {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var generator = SplitMix64(seed: seed)
        var out = Array("ci,carrier,phone,lineKind,mvnoHost,status,updatedAt\n".utf8)
        var row = 0
        var person = 0
        while row < count {
            let ci = TestCIGenerator.ci(key: ciKey, rrn: TestCIGenerator.syntheticRRN(person))
            let roll = Int.random(in: 0..<100, using: &generator)
            let lines = roll < 90 ? 1 : (roll < 97 ? 2 : 3)
            for _ in 0..<min(lines, count - row) {
                appendRow(&out, ci: ci, phone: phone(row), updatedAt: updatedAt, using: &generator)
                row += 1
            }
            person += 1
            if out.count > 1 << 20 {
                try handle.write(contentsOf: out)
                out.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: out)
        return person
    }

    /// A test number unique per row: row × 7,919 mod 2×10⁷ is a bijection (7,919 is prime to 2 and 5).
    static func phone(_ row: Int) -> String {
        let value = row % 20_000_000 * 7_919 % 20_000_000
        let digits = String(value)
        let padded = String(repeating: "0", count: 8 - digits.count) + digits
        return "010-\(padded.prefix(4))-\(padded.suffix(4))"
    }

    private static func appendRow(_ out: inout [UInt8], ci: String, phone: String, updatedAt: String,
                                  using generator: inout SplitMix64) {
        let carrierRoll = Int.random(in: 0..<100, using: &generator)
        let carrier: Carrier = carrierRoll < 44 ? .skt : (carrierRoll < 77 ? .kt : .lgu)
        let mvno = Int.random(in: 0..<100, using: &generator) < 10
        let kindRoll = Int.random(in: 0..<100, using: &generator)
        let kind: LineKind = kindRoll < 3 ? .corporate : (kindRoll < 4 ? .feature2G : .personal)
        let cancelled = Int.random(in: 0..<100, using: &generator) < 2
        let fields = [ci, carrier.rawValue, phone, kind.rawValue, mvno ? carrier.rawValue : "",
                      cancelled ? "cancelled" : "active", updatedAt]
        out.append(contentsOf: fields.joined(separator: ",").utf8)
        out.append(UInt8(ascii: "\n"))
    }
}
