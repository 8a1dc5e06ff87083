import Schema

/// The mobile numbers and CIs every place must accept and refuse alike (issue 18: `Schema`'s
/// `MobileNumber` and `CI` are the one rule; SPEC ID-4 is strict, so `+82`, spaces and dots are
/// refused everywhere instead of being rewritten).
public enum IdentifierConformance {
    /// Input → the stored digits, or `nil` when refused.
    public static let phones: [(input: String, digits: String?)] = [
        ("01012345678", "01012345678"),
        ("010-1234-5678", "01012345678"),
        ("011-123-4567", "0111234567"),
        ("016-1234-5678", "01612345678"),
        ("017-1234-5678", "01712345678"),
        ("018-123-4567", "0181234567"),
        ("019-1234-5678", "01912345678"),
        ("012-1234-5678", nil),
        ("010 1234 5678", nil),
        ("010.1234.5678", nil),
        ("+82 10-1234-5678", nil),
        ("+821012345678", nil),
        ("(010) 1234-5678", nil),
        ("010-12345678", nil),
        ("0101-234-5678", nil),
        ("010-1234-567", nil),
        ("010-1234-56789", nil),
        ("010--12345678", nil),
        ("", nil),
        ("０１０１２３４５６７８", nil),
        ("01012345678\u{0}", nil),
        (" 01012345678", nil),
        ("02-123-4567", nil),
    ]

    /// A canonical CI (the bytes 0…63).
    public static let validCI = CI.encode(Array(0..<64))

    /// Input → accepted?
    public static var cis: [(input: String, valid: Bool)] {
        let ci = validCI
        var nonCanonical = Array(ci.utf8)
        nonCanonical[85] = UInt8(ascii: "9")   // leftover bits not zero: another spelling of some CI
        return [
            (ci, true),
            (CI.encode(Array(repeating: 0xFF, count: 64)), true),
            (String(ci.dropLast()), false),
            (ci + "=", false),
            (String(ci.dropLast(2)) + "AA", false),
            (ci.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"), ci.contains("+") || ci.contains("/") ? false : true),
            (String(decoding: nonCanonical, as: UTF8.self), false),
            (" " + String(ci.dropFirst()), false),
            ("", false),
            (String(repeating: "A", count: 88), false),
        ]
    }
}
