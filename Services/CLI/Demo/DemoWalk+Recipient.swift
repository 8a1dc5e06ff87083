import Foundation

extension DemoWalk {
    /// The recipient's pages, as a phone's browser would walk them (plain HTML forms).
    func readAsRecipient(token: String, expecting pdf: Data) throws {
        let client = gateway.recipient
        let cover = try client.get("/r/\(token)")
        guard cover.status == 200 else { throw DemoFailure(step: "7 cover", detail: "HTTP \(cover.status)") }
        // The inbox lists newest first; what was there before the request is not the code.
        let before = Set(try gateway.inbox(phone: Self.phone).map(Self.identity))
        let otp = try client.post("/r/\(token)/otp", form: [:])
        guard otp.status == 303 || otp.status == 200 else { throw DemoFailure(step: "7 OTP", detail: "HTTP \(otp.status)") }
        var code: String?
        try DemoPoll.until("7 OTP by SMS") {
            let messages = try gateway.inbox(phone: Self.phone)
            code = messages.filter { !before.contains(Self.identity($0)) }
                .compactMap { ($0["text"] as? String).flatMap(Self.sixDigits) }.first
            return code != nil
        }
        guard let code else { throw DemoFailure(step: "7 OTP by SMS", detail: "no code") }
        say("7  recipient     opened the link, OTP sent by SMS (\(code.prefix(2))****)")
        let checked = try client.post("/r/\(token)/code", form: ["code": code])
        guard checked.status == 303 else { throw DemoFailure(step: "8 OTP check", detail: "HTTP \(checked.status): \(checked.text.prefix(200))") }
        let terms = try client.get("/r/\(token)/terms")
        guard let version = Self.termsVersion(in: terms.text) else { throw DemoFailure(step: "8 terms", detail: "no terms form") }
        let agreed = try client.post("/r/\(token)/terms", form: ["agree": "yes", "termsVersion": version])
        guard agreed.status == 303 else { throw DemoFailure(step: "8 terms", detail: "HTTP \(agreed.status)") }
        say("8  recipient     code accepted, terms \(version) agreed")
        let page = try client.get("/r/\(token)/document")
        guard page.status == 200 else { throw DemoFailure(step: "9 document", detail: "HTTP \(page.status)") }
        let file = try client.get("/r/\(token)/file")
        guard file.status == 200, file.body == pdf else {
            throw DemoFailure(step: "9 document", detail: "HTTP \(file.status), \(file.body.count) bytes (expected the uploaded \(pdf.count))")
        }
        say("9  recipient     viewed the document (\(file.body.count) bytes, identical to the upload)")
    }

    static func identity(_ message: [String: Any]) -> String {
        "\(message["reference"] ?? "")|\(message["deliveredAt"] ?? "")|\(message["text"] ?? "")"
    }

    static func sixDigits(_ text: String) -> String? {
        guard let range = text.range(of: #"(?<![0-9])[0-9]{6}(?![0-9])"#, options: .regularExpression) else { return nil }
        return String(text[range])
    }

    static func termsVersion(in html: String) -> String? {
        guard let range = html.range(of: #"name="termsVersion" value="[^"]+""#, options: .regularExpression) else { return nil }
        return html[range].split(separator: "\"").dropFirst(3).first.map(String.init)
    }
}
