import SongdalCrypto

/// ID-7: a synthetic CI made like a real one — `HMAC-SHA-512(key, rrn)` in standard base64 (88
/// characters). For test data only; production never sees an RRN. (`songdal identity ci`.)
public enum TestCIGenerator {
    /// The CI of `rrn` (its digits as given, e.g. `9001011234567`) under `key`.
    public static func ci(key: [UInt8], rrn: String) -> String {
        CICodec.encode(HMAC.sha512(key: key, data: Array(rrn.utf8)))
    }

    /// A synthetic, well-formed resident registration number (13 digits with a valid check
    /// digit) for person number `index`; distinct for every index below 33,600 × 100,000.
    /// Birth dates use days 1–28 of each month over 1930–2029 (336 dates a year).
    public static func syntheticRRN(_ index: Int) -> String {
        let day = index % 33_600
        let serial = index / 33_600 % 100_000
        let year = 1930 + day / 336
        let month = day % 336 / 28 + 1
        let dayOfMonth = day % 28 + 1
        let gender = (year >= 2000 ? 3 : 1) + index % 2
        var digits = [year % 100 / 10, year % 10, month / 10, month % 10, dayOfMonth / 10, dayOfMonth % 10, gender]
        var rest = serial
        var tail = [Int](repeating: 0, count: 5)
        for position in (0..<5).reversed() {
            tail[position] = rest % 10
            rest /= 10
        }
        digits += tail
        let weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        digits.append((11 - sum % 11) % 10)
        return digits.map(String.init).joined()
    }
}
