import Foundation
@testable import GatewayCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The recipient's walk and its error pages, with the privacy rules of the pages.
@Suite(.serialized) struct RecipientPageTests {
    static let token = FakeServices.validToken

    /// Every page has the neutral title and a viewport, and no script.
    static func checkPage(_ html: String, _ step: String) {
        #expect(html.contains("<title>전자문서 열람</title>"), "\(step): title")
        #expect(html.contains("name=\"viewport\""), "\(step): viewport")
        #expect(html.contains("<html lang=\"ko\">"), "\(step): language")
        #expect(!html.lowercased().contains("<script"), "\(step): no JavaScript")
        #expect(!html.contains("5678</title>") && !html.contains("010-"), "\(step): no phone beyond the masked line") // masked only on cover/code
    }

    @Test func theWholeWalkRecordsTheRead() async throws {
        let harness = try await GatewayHarness()
        let token = Self.token
        try await harness.withClient { client in
            let cover = try await client.send(.get, "/r/\(token)")
            #expect(cover.status == .ok)
            #expect(cover.text.contains("<title>전자문서 열람</title>"))
            #expect(cover.text.contains("010-****-5678"))
            #expect(cover.text.contains("&lt;b&gt;세금&lt;/b&gt;"), "service text is escaped")
            #expect(cover.text.contains("action=\"/r/\(token)/otp\""))

            let otp = try await client.send(.post, "/r/\(token)/otp")
            #expect(otp.status == .seeOther)
            #expect(otp.headers[.location] == "/r/\(token)/code")

            let form = try await client.send(.get, "/r/\(token)/code")
            Self.checkPage(form.text, "code form")
            #expect(form.text.contains("autocomplete=\"one-time-code\""))

            let wrong = try await client.send(.post, "/r/\(token)/code", body: "code=111111",
                                              headers: ["Content-Type": "application/x-www-form-urlencoded"])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("남은 입력 횟수: 4회"))
            Self.checkPage(wrong.text, "wrong code")

            let malformed = try await client.send(.post, "/r/\(token)/code", body: "code=12ab")
            #expect(malformed.text.contains("6자리 숫자"))

            // Before the OTP there is no session: the later steps refuse.
            let early = try await client.send(.get, "/r/\(token)/document")
            #expect(early.status == .forbidden)
            #expect(early.text.contains("다시 본인 확인"))

            let right = try await client.send(.post, "/r/\(token)/code", body: "code=123456")
            #expect(right.status == .seeOther)
            #expect(right.headers[.location] == "/r/\(token)/terms")
            let setCookie = try #require(right.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/r/\(token)"))
            let cookie = try #require(right.cookie)

            let terms = try await client.send(.get, "/r/\(token)/terms", headers: ["Cookie": cookie])
            #expect(terms.status == .ok)
            #expect(terms.text.contains("전자문서 이용 약관"))
            Self.checkPage(terms.text, "terms")

            let declined = try await client.send(.post, "/r/\(token)/terms", body: "termsVersion=v1", headers: ["Cookie": cookie])
            #expect(declined.status == .unprocessableContent)
            #expect(declined.text.contains("약관에 동의해 주세요"))

            let agreed = try await client.send(.post, "/r/\(token)/terms", body: "agree=yes&termsVersion=v1", headers: ["Cookie": cookie])
            #expect(agreed.status == .seeOther)
            #expect(agreed.headers[.location] == "/r/\(token)/document")

            let document = try await client.send(.get, "/r/\(token)/document", headers: ["Cookie": cookie])
            #expect(document.status == .ok)
            #expect(document.text.contains("<object data=\"/r/\(token)/file\" type=\"application/pdf\">"))
            #expect(document.text.contains("열람이 기록되었습니다"))
            Self.checkPage(document.text, "document")

            let file = try await client.send(.get, "/r/\(token)/file", headers: ["Cookie": cookie])
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "application/pdf")
            #expect(file.headers[.contentDisposition]?.hasPrefix("inline") == true)
            #expect(file.text.hasPrefix("%PDF"))

            let download = try await client.send(.get, "/r/\(token)/file?download=1", headers: ["Cookie": cookie])
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment") == true)

            // The cookie is bound to its token.
            let elsewhere = try await client.send(.get, "/r/\(FakeServices.lockedToken)/document", headers: ["Cookie": cookie])
            #expect(elsewhere.status == .forbidden)
        }
        #expect(harness.log.views.withLock { $0 } == 3)
        await harness.shutdown()
    }

    @Test func errorPagesAreClear() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            let invalid = try await client.send(.get, "/r/tok_unknown_0123456789")
            #expect(invalid.status == .notFound)
            #expect(invalid.text.contains("링크를 확인해 주세요"))
            Self.checkPage(invalid.text, "invalid")

            let short = try await client.send(.get, "/r/x")
            #expect(short.status == .notFound)
            #expect(short.headers[.contentType]?.hasPrefix("text/html") == true)

            let expired = try await client.send(.get, "/r/\(FakeServices.expiredToken)")
            #expect(expired.status == .gone)
            #expect(expired.text.contains("열람 기간이 지났습니다"))

            let locked = try await client.send(.post, "/r/\(FakeServices.lockedToken)/otp")
            #expect(locked.status.code == 423)
            #expect(locked.text.contains("인증이 잠겼습니다"))

            let lockedByCode = try await client.send(.post, "/r/\(Self.token)/code", body: "code=999999")
            #expect(lockedByCode.status.code == 423)
            #expect(lockedByCode.text.contains("이후에 다시 시도해 주세요"))

            let forged = try await client.send(.get, "/r/\(Self.token)/terms", headers: ["Cookie": "sd_r=" + String(repeating: "0", count: 48)])
            #expect(forged.status == .forbidden)
        }
        await harness.shutdown()
    }

    @Test func redirectsCarryOnlyTheToken() async throws {
        let harness = try await GatewayHarness()
        try await harness.withClient { client in
            let otp = try await client.send(.post, "/r/\(Self.token)/otp")
            let code = try await client.send(.post, "/r/\(Self.token)/code", body: "code=123456")
            for location in [otp.headers[.location], code.headers[.location]] {
                let location = try #require(location)
                #expect(!location.contains("?"), "no query string in a redirect")
                #expect(location.hasPrefix("/r/\(Self.token)/"))
            }
        }
        await harness.shutdown()
    }
}
