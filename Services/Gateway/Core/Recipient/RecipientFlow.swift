import Foundation
import HTTPTypes
import Hummingbird
import Schema

/// The steps of the recipient's walk. Refusals from the notifier become pages, never JSON:
/// an invalid link, an expired notice, a locked OTP, a wrong code with the tries left.
struct RecipientFlow: Sendable {
    let dependencies: GatewayDependencies
    var sessions: RecipientSessions { RecipientSessions(store: dependencies.store) }

    /// Runs one step with a checked token, turning refusals into the matching page.
    func page(_ context: GatewayContext, _ step: (String) async throws -> Response) async throws -> Response {
        guard let token = context.parameters.get("token"), (16...256).contains(token.utf8.count),
              token.utf8.allSatisfy({ Self.tokenBytes.contains($0) }) else {
            return Responses.html(RecipientPages.invalidLink(), status: .notFound)
        }
        do {
            return try await step(token)
        } catch let error as BusError {
            switch error.errorReply.code {
            case .tokenInvalid: return Responses.html(RecipientPages.invalidLink(), status: .notFound)
            case .noticeExpired: return Responses.html(RecipientPages.expiredLink(), status: .gone)
            case .otpLocked: return Responses.html(RecipientPages.locked(until: nil), status: .init(code: 423, reasonPhrase: "Locked"))
            case .otpRateLimited: return Responses.html(RecipientPages.tooManyCodes(), status: .tooManyRequests)
            case .sessionInvalid, .consentRequired: return Responses.html(RecipientPages.sessionExpired(token), status: .forbidden)
            case .documentNotFound, .notFound, .forbidden: return Responses.html(RecipientPages.invalidLink(), status: .notFound)
            default: return Responses.html(RecipientPages.unavailable(), status: .serviceUnavailable)
            }
        }
    }

    /// base64url and hex alphabets, plus `.`: the notifier's tokens are `<notice id>.<mac>`.
    static let tokenBytes: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.".utf8))

    func cover(_ token: String) async throws -> Response {
        let cover = try await dependencies.ask(OpenNotice(token: token))
        if cover.state == .expired { return Responses.html(RecipientPages.expiredLink(), status: .gone) }
        return Responses.html(RecipientPages.cover(token, cover))
    }

    func requestCode(_ token: String) async throws -> Response {
        _ = try await dependencies.ask(RequestOTP(token: token))
        return Responses.redirect(to: "/r/\(token)/code")
    }

    func checkCode(_ token: String, form: FormBody) async throws -> Response {
        let code = (form["code"] ?? "").trimmingCharacters(in: .whitespaces)
        guard code.count == 6, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else {
            return Responses.html(RecipientPages.malformedCode(token), status: .unprocessableContent)
        }
        let check = try await dependencies.ask(VerifyOTP(token: token, code: code))
        switch check.outcome {
        case .verified:
            guard let notifierSession = check.sessionId else { return Responses.html(RecipientPages.unavailable(), status: .badGateway) }
            let cookie = try sessions.create(token: token, notifierSession: notifierSession, now: dependencies.clock.now,
                                             lifetime: dependencies.configuration.recipientSessionSeconds)
            return Responses.redirect(to: "/r/\(token)/terms", headers: [.setCookie: setCookie(token, cookie)])
        case .wrong: return Responses.html(RecipientPages.wrongCode(token, remaining: check.remainingTries), status: .unprocessableContent)
        case .expired: return Responses.html(RecipientPages.expiredCode(token), status: .unprocessableContent)
        case .locked: return Responses.html(RecipientPages.locked(until: check.lockedUntil), status: .init(code: 423, reasonPhrase: "Locked"))
        }
    }

    func terms(_ token: String, request: Request) async throws -> Response {
        guard try session(token, request) != nil else { return Responses.html(RecipientPages.sessionExpired(token), status: .forbidden) }
        return Responses.html(RecipientPages.terms(token, try await dependencies.ask(OpenNotice(token: token))))
    }

    func consent(_ token: String, request: Request, form: FormBody) async throws -> Response {
        guard let notifierSession = try session(token, request) else {
            return Responses.html(RecipientPages.sessionExpired(token), status: .forbidden)
        }
        guard form["agree"] == "yes", let version = form["termsVersion"], !version.isEmpty else {
            let cover = try await dependencies.ask(OpenNotice(token: token))
            return Responses.html(RecipientPages.terms(token, cover, error: true), status: .unprocessableContent)
        }
        _ = try await dependencies.ask(ConsentToTerms(token: token, sessionId: notifierSession, termsVersion: version, agreed: true))
        return Responses.redirect(to: "/r/\(token)/document")
    }

    func document(_ token: String, request: Request) async throws -> Response {
        guard let notifierSession = try session(token, request) else {
            return Responses.html(RecipientPages.sessionExpired(token), status: .forbidden)
        }
        let view = try await dependencies.ask(ViewNotice(token: token, sessionId: notifierSession))
        let metadata = try await dependencies.ask(DocumentMetadataQuery(documentId: view.documentId, reader: view.reader))
        return Responses.html(RecipientPages.document(token, view: view, metadata: metadata))
    }

    func file(_ token: String, request: Request) async throws -> Response {
        guard let notifierSession = try session(token, request) else {
            return Responses.html(RecipientPages.sessionExpired(token), status: .forbidden)
        }
        let view = try await dependencies.ask(ViewNotice(token: token, sessionId: notifierSession))
        let content = try await dependencies.ask(FetchDocument(documentId: view.documentId, reader: view.reader))
        let inline = request.uri.queryParameters.get("download") == nil
            && (DocumentKinds.isInlinePDF(content.kind) || DocumentKinds.isInlineImage(content.kind))
        return Responses.bytes(content.content, contentType: DocumentKinds.contentType(content.kind), headers: [
            .contentDisposition: DocumentKinds.disposition(inline ? "inline" : "attachment", fileName: content.fileName),
            .cacheControl: "no-store",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        ])
    }

    private func session(_ token: String, _ request: Request) throws -> String? {
        try sessions.notifierSession(cookie: request.cookies[RecipientSessions.cookie]?.value, token: token, now: dependencies.clock.now)
    }

    private func setCookie(_ token: String, _ value: String) -> String {
        let secure = dependencies.configuration.secureCookies ? "; Secure" : ""
        return "\(RecipientSessions.cookie)=\(value); Path=/r/\(token); Max-Age=\(dependencies.configuration.recipientSessionSeconds); HttpOnly; SameSite=Strict\(secure)"
    }
}
