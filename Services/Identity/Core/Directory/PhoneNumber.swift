import Schema

/// Korean mobile numbers (ID-4): `01[016789]-NNN(N)-NNNN`, with or without the hyphens,
/// normalised to digits (`01012345678`). The rule lives once, in `Schema.MobileNumber`
/// (issue 18); this is identity's byte-level entry to it.
public enum PhoneNumber {
    /// The digits of a valid mobile number, or `nil`.
    public static func normalize(_ text: some Collection<UInt8>) -> [UInt8]? { MobileNumber.digits(of: text) }

    /// The digits of a valid mobile number given as a `String`, or `nil`.
    public static func normalize(_ text: String) -> String? { MobileNumber(text)?.digits }
}
