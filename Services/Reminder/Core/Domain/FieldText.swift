import Foundation

/// Whitespace trimming for input fields, without a Foundation round trip for the usual field.
///
/// `trimmingCharacters(in: .whitespaces)` bridges through `NSString` and was more than half of
/// the CSV import's time. A field whose first and last scalars are plainly not whitespace
/// (printable ASCII or a Hangul syllable) is returned as is — exactly what Foundation would
/// return; anything else still goes through Foundation, so the result never differs.
enum FieldText {
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if isPlainlyNotWhitespace(first), isPlainlyNotWhitespace(last) { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private static func isPlainlyNotWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x7E, 0xAC00...0xD7A3: true
        default: false
        }
    }
}
