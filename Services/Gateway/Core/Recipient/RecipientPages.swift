import Foundation
import Runtime
import Schema

/// The recipient's pages, in Korean. Every page has the same neutral title (no personal data);
/// links and forms carry only the token, which is already in the address.
enum RecipientPages {
    static let title = "전자문서 열람"

    static func cover(_ token: String, _ cover: CoverPage) -> String {
        let deadline: HTML = cover.readDeadline.map { "<p class=\"muted\">열람 기한: \(kst($0))</p>" } ?? ""
        return PageLayout.page(title: title, body: """
        <h1>\(cover.title)</h1>
        <div class="card"><p>\(cover.coverText)</p>\(deadline)</div>
        <div class="card">
        <p>본인 확인을 위해 <strong>\(cover.recipientMasked)</strong>(으)로 인증번호를 보내 드립니다.</p>
        <form method="post" action="/r/\(token)/otp"><button type="submit">인증번호 받기</button></form>
        </div>
        <p class="muted">발송 기관: \(cover.institution)</p>
        """)
    }

    static func codeForm(_ token: String, message: HTML = "", masked: String? = nil) -> String {
        let sentTo: HTML = masked.map { "<p>\($0)(으)로 보낸 6자리 인증번호를 입력해 주세요. (3분 이내)</p>" }
            ?? "<p>문자로 받은 6자리 인증번호를 입력해 주세요. (3분 이내)</p>"
        return PageLayout.page(title: title, body: """
        <h1>인증번호 입력</h1>
        \(message)
        <div class="card">\(sentTo)
        <form method="post" action="/r/\(token)/code">
        <label for="code">인증번호</label>
        <input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
        <button type="submit">확인</button>
        </form>
        <form method="post" action="/r/\(token)/otp"><button type="submit" class="secondary">인증번호 다시 받기</button></form>
        </div>
        """)
    }

    static func wrongCode(_ token: String, remaining: Int) -> String {
        codeForm(token, message: "<p class=\"error\" role=\"alert\">인증번호가 맞지 않습니다. 남은 입력 횟수: \(remaining)회</p>")
    }

    static func malformedCode(_ token: String) -> String {
        codeForm(token, message: "<p class=\"error\" role=\"alert\">인증번호는 6자리 숫자입니다.</p>")
    }

    static func expiredCode(_ token: String) -> String {
        codeForm(token, message: "<p class=\"error\" role=\"alert\">인증번호의 유효 시간(3분)이 지났습니다. 인증번호를 다시 받아 주세요.</p>")
    }

    static func locked(until: Date?) -> String {
        let when: HTML = until.map { "<p>\(kst($0)) 이후에 다시 시도해 주세요.</p>" } ?? "<p>잠시 후 다시 시도해 주세요.</p>"
        return PageLayout.page(title: title, body: """
        <h1>인증이 잠겼습니다</h1>
        <div class="card"><p class="error" role="alert">인증번호를 5회 잘못 입력하여 본인 확인이 잠시 잠겼습니다.</p>\(when)</div>
        """)
    }

    static func terms(_ token: String, _ cover: CoverPage, error: Bool = false) -> String {
        let message: HTML = error ? "<p class=\"error\" role=\"alert\">문서를 열람하려면 약관에 동의해 주세요.</p>" : ""
        return PageLayout.page(title: title, body: """
        <h1>이용 약관 동의</h1>
        \(message)
        <div class="card">
        <div class="terms">\(cover.termsText)</div>
        <form method="post" action="/r/\(token)/terms">
        <input type="hidden" name="termsVersion" value="\(cover.termsVersion)">
        <p><label><input type="checkbox" name="agree" value="yes" required> 위 약관에 동의합니다.</label></p>
        <button type="submit">동의하고 문서 보기</button>
        </form>
        </div>
        """)
    }

    static func document(_ token: String, view: NoticeView, metadata: DocumentMetadata) -> String {
        let file: HTML = "/r/\(token)/file"
        let viewer: HTML
        if DocumentKinds.isInlinePDF(metadata.kind) {
            viewer = """
            <object data="\(file)" type="application/pdf"><p>문서를 표시할 수 없습니다. <a href="\(file)?download=1">내려받기</a></p></object>
            <a class="button" href="\(file)?download=1">PDF 내려받기</a>
            """
        } else if DocumentKinds.isInlineImage(metadata.kind) {
            viewer = "<img class=\"doc\" src=\"\(file)\" alt=\"\(metadata.title)\"><a class=\"button\" href=\"\(file)?download=1\">내려받기</a>"
        } else {
            viewer = "<p>이 문서(\(metadata.kind.uppercased()))는 내려받아 열람해 주세요.</p><a class=\"button\" href=\"\(file)?download=1\">내려받기 (\(metadata.fileName))</a>"
        }
        return PageLayout.page(title: title, body: """
        <h1>\(metadata.title)</h1>
        <p class="ok">열람이 기록되었습니다. 열람 일시: \(kst(view.readAt))</p>
        <div class="card">\(viewer)</div>
        <p class="muted">문서 해시(SHA-256): \(metadata.contentHash)</p>
        """)
    }

    static func invalidLink() -> String {
        message("링크를 확인해 주세요", "이 링크는 올바르지 않거나 더 이상 사용할 수 없습니다. 받으신 문자의 링크를 다시 확인해 주세요.")
    }

    static func expiredLink() -> String {
        message("열람 기간이 지났습니다", "이 전자문서의 열람 기간이 지났거나 발송이 취소되었습니다. 발송 기관에 문의해 주세요.")
    }

    static func sessionExpired(_ token: String) -> String {
        PageLayout.page(title: title, body: """
        <h1>다시 본인 확인이 필요합니다</h1>
        <div class="card"><p>보안을 위해 본인 확인 시간이 만료되었습니다.</p>
        <a class="button" href="/r/\(token)">처음으로</a></div>
        """)
    }

    static func tooManyCodes() -> String {
        message("잠시 후 다시 시도해 주세요", "인증번호 요청이 너무 많습니다. 30분 후에 다시 요청해 주세요.")
    }

    static func unavailable() -> String {
        message("일시적인 오류", "지금은 문서를 불러올 수 없습니다. 잠시 후 다시 시도해 주세요.")
    }

    static func message(_ heading: String, _ text: String) -> String {
        PageLayout.page(title: title, body: "<h1>\(heading)</h1><div class=\"card\"><p>\(text)</p></div>")
    }

    /// `2026년 11월 23일 11:00` in KST.
    static func kst(_ instant: Date) -> String {
        let date = KST.localDate(of: instant)
        let seconds = KST.secondsSinceMidnight(of: instant)
        let hour = seconds / 3600, minute = (seconds % 3600) / 60
        let minuteText = minute < 10 ? "0\(minute)" : "\(minute)"
        return "\(date.year)년 \(date.month)월 \(date.day)일 \(hour):\(minuteText)"
    }
}
