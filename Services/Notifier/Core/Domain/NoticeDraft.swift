import Foundation
import Schema

/// A notice's content before it is stored, validated the same way for the API and CSV rows.
struct NoticeDraft: Sendable {
    var institution: String
    var ci: String?
    var phone: String?
    var title: String
    var cover: String
    var documentId: String
    var readDeadline: Date?
    var channel: ChannelPreference
    var kakaoTemplate: String?
    var buttons: [KakaoButton]

    /// Longest link the composer may add (base + id + `.` + 32-character MAC).
    static func linkAllowance(_ settings: NotifierSettings) -> Int { settings.linkBase.utf8.count + 64 }

    /// Refuses what can never be sent (typed, NO-9, X-3); normalises the phone.
    mutating func validate(now: Date, settings: NotifierSettings) throws(ErrorReply) {
        try Self.validateInstitution(institution)
        switch (ci, phone) {
        case (let ci?, nil):
            guard CIFormat.isValid(ci) else {
                throw ErrorCode.invalidCI.reply("a CI is 88 characters of base64", field: "ci")
            }
        case (nil, let phone?):
            guard let digits = PhoneNumber.normalize(phone) else {
                throw ErrorCode.invalidPhone.reply("not a Korean mobile number", field: "phone")
            }
            self.phone = digits
        default:
            throw ErrorCode.missingRecipient.reply("give exactly one of ci and phone", field: "ci")
        }
        title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw ErrorCode.emptyTitle.reply("title is empty", field: "title") }
        guard EUCKR.byteCount(title) <= EUCKR.subject else {
            throw ErrorCode.titleTooLong.reply("title over \(EUCKR.subject) EUC-KR bytes", field: "title")
        }
        guard !cover.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ErrorCode.emptyCover.reply("cover text is empty", field: "coverText")
        }
        let body = MessageComposer.longText(institution: institution, cover: cover, link: String(repeating: "x", count: Self.linkAllowance(settings)))
        guard EUCKR.byteCount(body) <= EUCKR.long else {
            throw ErrorCode.messageTooLong.reply("cover text and link over \(EUCKR.long) EUC-KR bytes", field: "coverText")
        }
        guard Self.isValidDocumentId(documentId) else {
            throw ErrorCode.invalidDocumentId.reply("document id must be 1–128 characters of A-Z a-z 0-9 . _ : -", field: "documentId")
        }
        if let readDeadline, readDeadline <= now {
            throw ErrorCode.invalidDeadline.reply("read deadline must be in the future", field: "readDeadline")
        }
        if channel == .kakao {
            guard let template = kakaoTemplate, !template.isEmpty else {
                throw ErrorCode.kakaoTemplateRequired.reply("KakaoTalk needs an approved template code", field: "kakaoTemplateCode")
            }
            guard buttons.count <= EUCKR.kakaoButtons else {
                throw ErrorCode.tooManyButtons.reply("at most \(EUCKR.kakaoButtons) buttons", field: "kakaoButtons")
            }
            guard body.count <= EUCKR.kakaoCharacters else {
                throw ErrorCode.messageTooLong.reply("KakaoTalk text over \(EUCKR.kakaoCharacters) characters", field: "coverText")
            }
        }
    }

    static func validateInstitution(_ institution: String) throws(ErrorReply) {
        guard isValidDocumentId(institution) else {
            throw ErrorCode.invalidInstitution.reply("institution must be 1–128 characters of A-Z a-z 0-9 . _ : -", field: "institution")
        }
    }

    static func isValidDocumentId(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 128 && id.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == 46 || byte == 95 || byte == 58 || byte == 45
        }
    }
}
