/// A Korean mobile number (SPEC ID-4): `01[016789]-NNN(N)-NNNN`, given with the two hyphens
/// exactly between its groups or with none, stored as its digits (`01012345678`). The one
/// validator of the platform (issue 18): identity, the notifier and the gateway accept and refuse
/// the same text.
///
/// Strict: no spaces, dots, parentheses or `+82`. The only normalisation is the one ID-4 states —
/// dropping the hyphens — and it happens here, never elsewhere; anything else is refused with a
/// typed error by the caller, never silently rewritten.
///
/// `description` is masked (`010-****-5678`), so a number never reaches a log by accident.
public struct MobileNumber: Hashable, Sendable, CustomStringConvertible {
    /// The 10 or 11 digits.
    public let digits: String

    /// `nil` unless `text` is a mobile number in the strict form.
    public init?(_ text: String) {
        guard let digits = Self.digits(of: text.utf8) else { return nil }
        self.digits = String(decoding: digits, as: UTF8.self)
    }

    /// The digits of a valid number given as bytes, or `nil` (for byte-level readers such as
    /// identity's import, without a `String` per row).
    public static func digits(of text: some Collection<UInt8>) -> [UInt8]? {
        var digits = [UInt8]()
        digits.reserveCapacity(11)
        var hyphens = 0
        var hyphenAt = (0, 0)
        for byte in text {
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits.append(byte)
                if digits.count > 11 { return nil }
            } else if byte == UInt8(ascii: "-") {
                hyphens += 1
                if hyphens == 1 { hyphenAt.0 = digits.count } else if hyphens == 2 { hyphenAt.1 = digits.count } else { return nil }
            } else {
                return nil
            }
        }
        guard digits.count == 10 || digits.count == 11,
              digits[0] == UInt8(ascii: "0"), digits[1] == UInt8(ascii: "1"),
              "016789".utf8.contains(digits[2])
        else { return nil }
        // Hyphens, when used, sit exactly between the three groups.
        switch hyphens {
        case 0: break
        case 2 where hyphenAt.0 == 3 && hyphenAt.1 == digits.count - 4: break
        default: return nil
        }
        return digits
    }

    /// `010-****-5678`.
    public var masked: String { "\(digits.prefix(3))-****-\(digits.suffix(4))" }

    public var description: String { masked }
}
