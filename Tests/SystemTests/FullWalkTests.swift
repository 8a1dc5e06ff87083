import Foundation
import Runtime
import SongdalCrypto
import SongdalTesting
import Synchronization
import Testing

/// Issue 8, first "must be shown": the full walk over HTTP with the whole platform in-process —
/// upload → notice → link from the simulated carrier → OTP → consent → view → `read` → delivery
/// certificate verified offline → the month's invoice shows one send and one read.
@Suite(.serialized)
struct FullWalkTests {
    @Test func fullWalkOverHTTP() async throws {
        let platform = try await PlatformFixture.start(tag: "http")
        do {
            try await walk(platform)
        } catch {
            await platform.shutdown()
            throw error
        }
        await platform.shutdown()
    }

    private func walk(_ platform: PlatformFixture) async throws {
        let http = platform.http
        let base = "/r/\(platform.token)"
        let delivered = try await eventually(timeoutSeconds: 30) { try await platform.noticeState() == "delivered" }
        let state = try await platform.noticeState()
        #expect(delivered, "the carrier's receipt makes the notice delivered; now \(state ?? "-")")

        // Cover: the notice's title, no personal data, a form to ask for a code.
        let cover = try await http.get(base)
        try #require(cover.status == 200, "the link the carrier delivered must open: \(cover)")
        #expect(cover.text.contains("<title>전자문서 열람</title>"))
        #expect(cover.text.contains(PlatformFixture.title))
        #expect(cover.text.contains("인증번호 받기"))
        #expect(!cover.text.contains(TestDirectory.phone) && !cover.text.contains(TestDirectory.phoneDigits))

        // Ask for a code: POST, then 303 to the code form.
        let seen = try await platform.inboxReferences()
        let requested = try await http.postForm("\(base)/otp", [])
        #expect(requested.status == 303, "\(requested)")
        #expect(requested.header("Location") == "\(base)/code")
        let form = try await http.get("\(base)/code")
        #expect(form.status == 200 && form.text.contains("인증번호 입력"), "\(form)")
        let code = try await platform.otpCode(notAmong: seen)

        // A wrong code costs a try and says so; the right one opens a session cookie.
        let wrongCode = Self.differentCode(code)
        let wrong = try await http.postForm("\(base)/code", [("code", wrongCode)])
        #expect(wrong.status == 422, "\(wrong)")
        #expect(wrong.text.contains("남은 입력 횟수: 4회"))
        #expect(wrong.cookie == nil)
        let verified = try await http.postForm("\(base)/code", [("code", code)])
        #expect(verified.status == 303, "\(verified)")
        #expect(verified.header("Location") == "\(base)/terms")
        let cookie = try #require(verified.cookie, "the verified code sets the session cookie")
        let attributes = verified.setCookie ?? ""
        #expect(attributes.contains("Path=\(base)") && attributes.contains("HttpOnly") && attributes.contains("SameSite=Strict"))

        // Terms: refused without the session, shown with it; consenting needs the box ticked.
        let anonymous = try await http.get("\(base)/terms")
        #expect(anonymous.status == 403, "no cookie, no terms: \(anonymous)")
        let terms = try await http.get("\(base)/terms", headers: ["Cookie": cookie])
        #expect(terms.status == 200 && terms.text.contains("이용 약관 동의"), "\(terms)")
        let version = try #require(Self.hiddenValue("termsVersion", in: terms.text), "terms carry their version")
        let unticked = try await http.postForm("\(base)/terms", [("termsVersion", version)], headers: ["Cookie": cookie])
        #expect(unticked.status == 422 && unticked.text.contains("약관에 동의해 주세요"), "\(unticked)")
        let consented = try await http.postForm("\(base)/terms", [("termsVersion", version), ("agree", "yes")], headers: ["Cookie": cookie])
        #expect(consented.status == 303, "\(consented)")
        #expect(consented.header("Location") == "\(base)/document")

        // The document page records the read; the file is the uploaded PDF, inline.
        let page = try await http.get("\(base)/document", headers: ["Cookie": cookie])
        #expect(page.status == 200, "\(page)")
        #expect(page.text.contains(PlatformFixture.title) && page.text.contains("열람이 기록되었습니다"))
        #expect(page.text.contains(Hex.encode(SHA256.hash(platform.pdf))), "the page shows the document's hash")
        let file = try await http.get("\(base)/file", headers: ["Cookie": cookie])
        #expect(file.status == 200, "\(file)")
        #expect(file.header("Content-Type")?.hasPrefix("application/pdf") == true)
        #expect(file.header("Content-Disposition")?.hasPrefix("inline") == true)
        #expect(file.body == platform.pdf, "the recipient gets exactly the uploaded bytes")

        // The institution sees `read`.
        let read = try await eventually(timeoutSeconds: 30) { try await platform.noticeState() == "read" }
        #expect(read, "GET /v1/notices/{id} shows read")
        let status = try await http.get("/v1/notices/\(platform.noticeId)", key: platform.institutionKey)
        #expect(status.json["readAt"] is String && status.json["deliveredAt"] is String, "\(status)")
        #expect(status.json["documentId"] as? String == platform.documentId)

        try await checkCertificate(platform)
        try await checkInvoice(platform)
    }

    /// The delivery certificate verifies offline with the vault's published key, names the
    /// delivery and the read, and a changed byte or an unknown key fails it.
    private func checkCertificate(_ platform: PlatformFixture) async throws {
        let http = platform.http
        let keys = try OfflineCertificate.trustedKeys(try await http.get("/v1/vault/keys"))
        try #require(!keys.isEmpty, "the vault publishes its signing key")
        let issued = Mutex<OfflineCertificate?>(nil)
        // The read's evidence reaches the vault through the notifier's outbox: ask until it is in.
        let complete = try await eventually(timeoutSeconds: 30, pollMilliseconds: 200) {
            let reply = try await http.send(.post, "/v1/notices/\(platform.noticeId)/certificate", key: platform.institutionKey)
            guard reply.status == 201 else { return false }
            let certificate = try OfflineCertificate(reply: reply)
            issued.withLock { $0 = certificate }
            return certificate.verify(with: keys).certificate?.notice?.readAt != nil
        }
        let certificate = try #require(issued.withLock { $0 }, "POST /v1/notices/{id}/certificate answered 201")
        #expect(complete, "the delivery certificate names the read")
        let result = certificate.verify(with: keys)
        #expect(result.isValid, "offline verification: \(result.codes)")
        let body = try #require(result.certificate)
        #expect(body.kind == .delivery)
        #expect(body.notice?.noticeId == platform.noticeId)
        #expect(body.notice?.deliveredAt != nil)
        #expect(!(body.notice?.recipientMasked.contains(TestDirectory.phoneDigits) ?? true))
        #expect(body.document.contentHash == Hex.encode(SHA256.hash(platform.pdf)))

        let forged = try #require(certificate.tampered(replacing: platform.noticeId, with: String(platform.noticeId.reversed())))
        #expect(forged.verify(with: keys).codes.contains("signature_invalid"))
        let stranger = try Ed25519PrivateKey.generate().publicKey
        #expect(certificate.verify(with: [stranger]).codes.contains("unknown_key"))
        // The gateway's public lookup agrees.
        let online = try await http.get("/v1/certificates/\(certificate.serial)/verification")
        #expect(online.json["valid"] as? Bool == true, "\(online)")
    }

    /// November's invoice: a draft while the month is open, issued by an operator once it is over;
    /// both show exactly one send and one read.
    private func checkInvoice(_ platform: PlatformFixture) async throws {
        let http = platform.http
        let month = "2026-11"
        let counted = try await eventually(timeoutSeconds: 30, pollMilliseconds: 100) {
            let draft = InvoiceCounts(try await http.get("/v1/invoices/\(month)", key: platform.institutionKey).json)
            return draft.sends == 1 && draft.reads == 1
        }
        let draft = try await http.get("/v1/invoices/\(month)", key: platform.institutionKey)
        #expect(counted, "the draft invoice counts one send and one read: \(draft)")
        #expect(InvoiceCounts(draft.json).status == "draft")

        let early = try await http.send(.post, "/v1/invoices/\(month)/issue", key: platform.operatorKey)
        #expect(early.status != 200, "November cannot be issued before it is over: \(early)")
        let wrongScope = try await http.send(.post, "/v1/invoices/\(month)/issue", key: platform.institutionKey)
        #expect(wrongScope.status == 403, "\(wrongScope)")

        platform.cluster.clock.set(KST.instant(try #require(LocalDate("2026-12-01")), hour: 9))
        let issue = try await http.send(.post, "/v1/invoices/\(month)/issue", key: platform.operatorKey)
        #expect(issue.status == 200, "\(issue)")
        #expect((issue.json["issued"] as? Int ?? 0) >= 1)
        let invoice = try await http.get("/v1/invoices/\(month)", key: platform.institutionKey)
        #expect(invoice.status == 200, "\(invoice)")
        let counts = InvoiceCounts(invoice.json)
        #expect(counts.status == "issued")
        #expect(counts.sends == 1, "one notice sent: \(counts.quantities)")
        #expect(counts.reads == 1, "one notice read: \(counts.quantities)")
        #expect(invoice.json["institution"] as? String == PlatformFixture.institution)
    }

    /// A code differing from `code` in every digit.
    static func differentCode(_ code: String) -> String {
        String(code.compactMap(\.wholeNumberValue).map { Character(String(($0 + 1) % 10)) })
    }

    /// `value` of `<input type="hidden" name="…" value="…">`.
    static func hiddenValue(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
