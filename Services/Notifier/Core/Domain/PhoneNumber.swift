import Schema

/// Korean mobile numbers: normalised to digits (`01012345678`) and masked for display and logs.
/// Validation is `Schema.MobileNumber`'s strict ID-4 rule, the same as identity's and the
/// gateway's (issue 18): `+82`, spaces and dots are refused, no longer rewritten.
enum PhoneNumber {
    /// Digits of a Korean mobile number (`010-1234-5678` or `01012345678`), or nil.
    static func normalize(_ text: String) -> String? { MobileNumber(text)?.digits }

    /// `010-****-5678`.
    static func mask(_ digits: String) -> String {
        guard digits.count >= 8 else { return "***" }
        return "\(digits.prefix(3))-****-\(digits.suffix(4))"
    }
}
