import Schema

/// The text each channel carries (NO-3, NO-9), or nil when it does not fit that channel.
enum MessageComposer {
    /// The channels tried, in order, for a preference.
    static func chain(_ preference: ChannelPreference) -> [NoticeChannel] {
        switch preference {
        case .rcs: [.rcs, .mms]
        case .kakao: [.kakao, .sms, .lms]
        case .sms: [.sms, .lms]
        }
    }

    static func longText(institution: String, cover: String, link: String) -> String {
        "[\(institution)] \(cover)\n\(link)"
    }

    static func shortText(institution: String, title: String, link: String) -> String {
        "[\(institution)] \(title) \(link)"
    }

    struct Content: Sendable {
        var reference: String
        var phone: String
        var carrier: Carrier?
        var institution: String
        var title: String
        var cover: String
        var link: String
        var kakaoTemplate: String?
        var buttons: [KakaoButton] = []
    }

    static func compose(_ content: Content, channel: NoticeChannel) -> OutboundMessage? {
        var message = OutboundMessage(reference: content.reference, phone: content.phone, carrier: content.carrier,
                                      channel: channel, subject: content.title, text: "", link: content.link)
        switch channel {
        case .rcs, .mms, .lms:
            message.text = longText(institution: content.institution, cover: content.cover, link: content.link)
            guard EUCKR.byteCount(message.text) <= EUCKR.long, EUCKR.byteCount(content.title) <= EUCKR.subject else { return nil }
        case .sms:
            message.subject = nil
            message.text = shortText(institution: content.institution, title: content.title, link: content.link)
            guard EUCKR.byteCount(message.text) <= EUCKR.sms else { return nil }
        case .kakao:
            message.text = longText(institution: content.institution, cover: content.cover, link: content.link)
            message.kakaoTemplate = content.kakaoTemplate
            message.buttons = content.buttons.count < EUCKR.kakaoButtons
                ? content.buttons + [KakaoButton(name: "문서 열람", url: content.link)] : content.buttons
            guard content.kakaoTemplate != nil, message.text.count <= EUCKR.kakaoCharacters,
                  message.buttons.count <= EUCKR.kakaoButtons else { return nil }
        }
        return message
    }
}
