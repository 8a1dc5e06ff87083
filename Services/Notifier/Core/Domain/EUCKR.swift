/// Message sizes in EUC-KR bytes (NO-9): ASCII one byte, everything else (Hangul syllables and
/// jamo, hanja, KS X 1001 symbols) two. Counted by scalar because Foundation on Linux has no
/// EUC-KR converter; a character EUC-KR cannot encode counts two, erring on the long side.
enum EUCKR {
    static func byteCount(_ text: String) -> Int {
        var bytes = 0
        for scalar in text.unicodeScalars { bytes += scalar.value < 0x80 ? 1 : 2 }
        return bytes
    }

    /// SMS body limit.
    static let sms = 90
    /// LMS/MMS/RCS body limit.
    static let long = 2_000
    /// LMS/MMS subject limit.
    static let subject = 40
    /// KakaoTalk notice body limit, in characters.
    static let kakaoCharacters = 1_000
    static let kakaoButtons = 5
}
