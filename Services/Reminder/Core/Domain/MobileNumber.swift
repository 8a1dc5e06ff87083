/// A Korean mobile number normalised to digits (`01012345678`).
public struct MobileNumber: Hashable, Sendable {
    public let digits: String

    /// Accepts `010-1234-5678`, `01012345678`, `010 1234 5678`; `nil` unless 01x with 10–11 digits.
    public init?(_ text: String) {
        // On the bytes: only ASCII digits, dashes and spaces are accepted, so a byte that is not
        // one of those (including any byte of a non-ASCII character) refuses the number.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(11)
        for byte in text.utf8 where byte != UInt8(ascii: "-") && byte != UInt8(ascii: " ") {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), bytes.count < 11 else { return nil }
            bytes.append(byte)
        }
        guard bytes.count >= 10, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "1") else { return nil }
        digits = String(decoding: bytes, as: UTF8.self)
    }
}
