/// A Korean mobile number normalised to digits (`01012345678`).
public struct MobileNumber: Hashable, Sendable {
    public let digits: String

    /// Accepts `010-1234-5678`, `01012345678`, `010 1234 5678`; `nil` unless 01x with 10–11 digits.
    public init?(_ text: String) {
        var digits = ""
        for character in text where character != "-" && character != " " {
            guard character.isASCII, character.isNumber else { return nil }
            digits.append(character)
        }
        guard digits.hasPrefix("01"), (10...11).contains(digits.count) else { return nil }
        self.digits = digits
    }
}
