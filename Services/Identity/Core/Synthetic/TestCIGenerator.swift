import SongdalCrypto

/// ID-7: a synthetic CI made like a real one — `HMAC-SHA-512(key, rrn)` in standard base64 (88
/// characters). For test data only; production never sees an RRN. (`songdal identity ci`.)
public enum TestCIGenerator {
    /// The CI of `rrn` (its digits as given, e.g. `9001011234567`) under `key`.
    public static func ci(key: [UInt8], rrn: String) -> String {
        CICodec.encode(HMAC.sha512(key: key, data: Array(rrn.utf8)))
    }

    /// A synthetic, well-formed resident registration number (13 digits with a valid check
    /// digit) for person number `index`; distinct for every index below 36,500 × 1,000,000.
    public static func syntheticRRN(_ index: Int) -> String {
        let day = index % 36_500
        let serial = index / 36_500 % 1_000_000
        let year = 1930 + day / 365
        let dayOfYear = day % 365
        let month = dayOfYear / 28 % 12 + 1
        let dayOfMonth = dayOfYear % 28 + 1
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
