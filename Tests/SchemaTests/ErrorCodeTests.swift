import Foundation
import Schema
import Testing

/// One typed `ErrorCode`: every declared code has one wire string, a kind and the HTTP status its
/// documentation promises; the wire form is the plain string; unknown codes still decode.
@Suite("Error codes")
struct ErrorCodeTests {
    /// Every declared code and the status the gateway answers for it (`Kind.httpStatus`).
    static let statuses: [(ErrorCode, Int)] = [
        // Common
        (.notFound, 404), (.forbidden, 404), (.internalFailure, 502), (.missingField, 422), (.invalidSetting, 422),
        (.invalidPath, 422), (.invalidCI, 422), (.invalidPhone, 422), (.invalidDate, 422), (.wrongFieldCount, 422),
        (.brokenQuote, 422), (.unterminatedQuote, 422), (.invalidUTF8, 422), (.nulByte, 422), (.unknownItem, 422),
        (.timeout, 504),
        // Bus
        (.malformedPayload, 422), (.malformedMessage, 422), (.unknownMessageType, 502), (.unsupportedVersion, 502),
        (.unroutable, 503), (.notRunning, 503), (.backPressure, 503),
        // Identity
        (.lineNotFound, 404), (.phoneInUse, 422), (.batchTooLarge, 413), (.countMismatch, 422), (.warrantRequired, 422),
        (.requestNotFound, 404), (.sameOperator, 409), (.alreadyReleased, 409), (.consentNotFound, 404),
        (.noConsent, 422), (.carrierRequired, 422), (.carrierMismatch, 422), (.unknownCarrier, 422),
        (.invalidLineKind, 422), (.invalidStatus, 422), (.unreadableFile, 422),
        (.jobNotFound, 404), (.importFailed, 502),
        // Vault
        (.invalidId, 422), (.unsupportedKind, 422), (.kindMismatch, 422), (.blobWriteFailed, 502),
        (.documentDestroyed, 404), (.tooLargeForBus, 413), (.integrityFailure, 502), (.emptyDocument, 422),
        (.documentTooLarge, 413), (.fileChanged, 422), (.invalidTitle, 422), (.invalidMetadata, 422),
        (.invalidRetention, 422), (.fileNotFound, 404), (.alreadyDestroyed, 409), (.legalHold, 409),
        (.retentionNotExpired, 409), (.invalidExpiry, 422), (.notDestroyed, 422), (.missingNotice, 422),
        (.noDeliveryEvidence, 422), (.invalidTreeSize, 422), (.benchmarkAuditFailed, 502), (.benchmarkVerifyFailed, 502),
        // Notifier
        (.noticeNotFound, 404), (.campaignNotFound, 404), (.idempotencyConflict, 409), (.invalidIdempotencyKey, 422),
        (.missingRecipient, 422), (.emptyTitle, 422), (.titleTooLong, 422), (.emptyCover, 422), (.emptyText, 422),
        (.messageTooLong, 422), (.invalidDocumentId, 422), (.documentNotFound, 404), (.invalidDeadline, 422),
        (.kakaoTemplateRequired, 422), (.tooManyButtons, 422), (.invalidInstitution, 422), (.tokenInvalid, 422),
        (.noticeExpired, 422), (.otpWrong, 422), (.otpExpired, 422), (.otpLocked, 422), (.otpRateLimited, 429),
        (.sessionInvalid, 422), (.consentRequired, 422), (.consentDeclined, 422), (.termsVersionMismatch, 422),
        (.csvUnreadable, 422), (.csvMalformed, 422), (.campaignFinished, 409), (.transitionRefused, 409),
        (.noticeStateUnknown, 502), (.cancelled, 409), (.undeliverable, 502),
        // Billing
        (.unknownInstitution, 422), (.negativeQuantity, 422), (.malformedMonth, 422), (.malformedDate, 422),
        (.invalidSubscription, 422), (.monthNotOver, 422), (.missingEventId, 422), (.noRate, 422),
        // Reminder
        (.invalidBusinessNumber, 422), (.invalidMobile, 422), (.endBeforeStart, 422), (.negativeAmount, 422),
        (.invalidAmount, 422), (.unknownKind, 422), (.unknownMember, 422), (.unknownRecipient, 422),
        // Gateway
        (.sandboxNotAllowed, 422), (.institutionRequired, 422), (.institutionNotAllowed, 422), (.routeNotFound, 404),
        (.bodyTooLarge, 413), (.methodNotAllowed, 405), (.upstreamTimeout, 504), (.serviceUnavailable, 503),
        (.badUpstreamReply, 502), (.malformedJSON, 400), (.invalidField, 422), (.emptyBody, 400),
        (.invalidEncoding, 400), (.invalidParameter, 400), (.invalidCertificateKind, 422), (.invalidSerial, 422),
        (.invalidMonth, 422), (.invalidFormat, 422), (.missingAPIKey, 401), (.invalidAPIKey, 401),
        (.insufficientScope, 403), (.sandboxKeyNotAllowed, 403), (.rateLimited, 429), (.stagingFailed, 500),
        (.institutionNotOnboarded, 422), (.onboardingConflict, 409), (.dateInFuture, 422), (.invalidText, 422),
        (.tooLong, 422),
    ]

    @Test("the table lists every declared code, and each maps to its documented status")
    func everyCodeHasItsStatus() {
        #expect(Self.statuses.count == ErrorCode.all.count)
        #expect(Set(Self.statuses.map(\.0)) == Set(ErrorCode.all))
        for (code, status) in Self.statuses {
            #expect(code.kind.httpStatus == status, "\(code)")
            #expect(code.isKnown, "\(code)")
        }
    }

    @Test("no two codes share a wire string, and every wire string is snake_case")
    func wireStringsAreUnique() {
        let wires = ErrorCode.all.map(\.rawValue)
        #expect(Set(wires).count == wires.count)
        for wire in wires {
            #expect(!wire.isEmpty && wire.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }, "\(wire)")
        }
    }

    @Test("ErrorCode.all lists every static let the domain files declare")
    func allIsComplete() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Shared/Schema/Errors").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("ErrorCode+") }
        #expect(!files.isEmpty)
        let pattern = try Regex(#"public static let \w+ = ErrorCode\("([a-z0-9_]+)""#)
        var declared: [String] = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            declared += text.matches(of: pattern).compactMap { $0.output[1].substring.map(String.init) }
        }
        #expect(declared.sorted() == ErrorCode.all.map(\.rawValue).sorted())
    }

    @Test("a code travels as its plain string; a known one decodes with its kind")
    func wireFormIsTheString() throws {
        let reply = ErrorReply(code: .noticeNotFound, message: "no notice n-1", field: "noticeId")
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(reply)) as? [String: Any]
        #expect(json?["code"] as? String == "notice_not_found")
        let back = try JSONDecoder().decode(ErrorReply.self, from: JSONEncoder().encode(reply))
        #expect(back == reply)
        #expect(back.code.kind == .notFound)
    }

    @Test("an unknown wire code from another version decodes, as kind invalid, and is sent on unchanged")
    func unknownCodeDecodes() throws {
        let data = Data(#"{"code":"brand_new_refusal","message":"from a newer peer"}"#.utf8)
        let reply = try JSONDecoder().decode(ErrorReply.self, from: data)
        #expect(reply.code.rawValue == "brand_new_refusal")
        #expect(reply.code.kind == .invalid)
        #expect(!reply.code.isKnown)
        let code = try JSONDecoder().decode(ErrorCode.self, from: Data(#""brand_new_refusal""#.utf8))
        #expect(code == ErrorCode(wire: "brand_new_refusal"))
        #expect(String(decoding: try JSONEncoder().encode(code), as: UTF8.self) == #""brand_new_refusal""#)
    }
}
