import Runtime

/// The Korean text of an expiry reminder and of an issuance result (RE-3, RE-6), as SMS when it
/// fits in 90 EUC-KR bytes, else LMS with a subject.
public struct ReminderText: Sendable, Equatable {
    public static let smsLimit = 90

    public var subject: String?
    public var body: String

    /// The expiry reminder: guarantee number, kind, amount and end date.
    public static func expiry(guaranteeNo: String, kind: GuaranteeKind, amount: Int64, endDate: LocalDate) -> ReminderText {
        let body = "[보증만료] \(guaranteeNo) \(kind.koreanName)보증 \(won(amount))원 \(endDate) 만료"
        return sized(body, subject: "보증기간 만료 안내")
    }

    /// The issuance result sent to the applicant's contact.
    public static func issued(guaranteeNo: String, kind: GuaranteeKind, amount: Int64, endDate: LocalDate) -> ReminderText {
        let body = "[보증발급] \(guaranteeNo) \(kind.koreanName)보증 \(won(amount))원 발급완료(~\(endDate))"
        return sized(body, subject: "보증서 발급 결과")
    }

    /// Whether it goes as SMS (no subject).
    public var isSMS: Bool { subject == nil }

    private static func sized(_ body: String, subject: String) -> ReminderText {
        EUCKRLength.of(body) <= smsLimit ? ReminderText(subject: nil, body: body) : ReminderText(subject: subject, body: body)
    }

    /// `15000000` → `15,000,000`.
    static func won(_ amount: Int64) -> String {
        let digits = Array(String(amount.magnitude))
        var text = amount < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
