/// The length of a text in EUC-KR bytes (NO-9: SMS 90 bytes, LMS subject 40): ASCII is one
/// byte, everything else (Hangul syllables and jamo, hanja, symbols of KS X 1001) two.
///
/// Counted by scalar ranges instead of `String.Encoding` because Foundation on Linux has no
/// EUC-KR converter. A character EUC-KR cannot encode is counted as two bytes too: the notifier
/// decides what it can send; this count only chooses between SMS and LMS.
public enum EUCKRLength {
    public static func of(_ text: String) -> Int {
        var bytes = 0
        for scalar in text.unicodeScalars {
            bytes += scalar.value < 0x80 ? 1 : 2
        }
        return bytes
    }
}
