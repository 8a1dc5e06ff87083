/// Korean mobile numbers (ID-4): `01[016789]-NNN(N)-NNNN`, with or without the hyphens,
/// normalised to digits (`01012345678`).
public enum PhoneNumber {
    /// The digits of a valid mobile number, or `nil`.
    public static func normalize(_ text: some Collection<UInt8>) -> [UInt8]? {
        var digits = [UInt8]()
        digits.reserveCapacity(11)
        var hyphens: [Int] = []
        for byte in text {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits.append(byte)
            } else if byte == UInt8(ascii: "-") {
                hyphens.append(digits.count)
            } else {
                return nil
            }
            if digits.count > 11 { return nil }
        }
        guard digits.count == 10 || digits.count == 11,
              digits[0] == UInt8(ascii: "0"), digits[1] == UInt8(ascii: "1"),
              "016789".utf8.contains(digits[2])
        else { return nil }
        // Hyphens, when used, sit exactly between the three groups.
        if !hyphens.isEmpty, hyphens != [3, digits.count - 4] { return nil }
        return digits
    }

    /// The digits of a valid mobile number given as a `String`, or `nil`.
    public static func normalize(_ text: String) -> String? {
        normalize(Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }
}
