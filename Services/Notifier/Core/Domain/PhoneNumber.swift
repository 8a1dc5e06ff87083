/// Korean mobile numbers: normalised to digits (`01012345678`) and masked for display and logs.
enum PhoneNumber {
    /// Digits of a Korean mobile number in any common format (`010-1234-5678`, `+82 10 …`), or nil.
    static func normalize(_ text: String) -> String? {
        var digits = String(text.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
        if text.trimmingPrefixSpaces.hasPrefix("+82"), digits.hasPrefix("82") { digits = "0" + digits.dropFirst(2) }
        let prefixes = ["010", "011", "016", "017", "018", "019"]
        guard (10...11).contains(digits.count), prefixes.contains(String(digits.prefix(3))) else { return nil }
        let allowed = text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || " -.+()".unicodeScalars.contains($0) }
        return allowed ? digits : nil
    }

    /// `010-****-5678`.
    static func mask(_ digits: String) -> String {
        guard digits.count >= 8 else { return "***" }
        return "\(digits.prefix(3))-****-\(digits.suffix(4))"
    }
}

extension String {
    fileprivate var trimmingPrefixSpaces: Substring { drop { $0 == " " } }
}
