import Bus
import Foundation
import GRDB
import Schema
import SongdalCrypto

/// `notifier.sendSMS` (NO-9, NO-4): idempotent by key; SMS ≤ 90 bytes, else LMS ≤ 2,000 (subject ≤ 40).
enum SMSHandlers {
    static func register(_ context: NotifierContext) {
        context.endpoint.handle(SendSMS.self, reply: { request, handler in
            try accept(request, context: context, now: handler.now, in: handler.db)
        })
    }

    static func accept(_ request: SendSMS, context: NotifierContext, now: Date, in db: Database) throws -> SMSAccepted {
        try NoticeDraft.validateInstitution(request.institution)
        guard !request.idempotencyKey.isEmpty, request.idempotencyKey.utf8.count <= 200 else {
            throw ErrorReply(code: .invalidIdempotencyKey, message: "idempotency key must be 1–200 bytes", field: "idempotencyKey")
        }
        let bodyHash = SHA256.hex(Data(try PayloadCodec.encode(request)))
        if let row = try Row.fetchOne(db, sql: "SELECT seq, body_hash, kind, due_at, created_at FROM sms WHERE institution = ? AND idem_key = ?",
                                      arguments: [request.institution, request.idempotencyKey]) {
            guard row["body_hash"] as String? == bodyHash else {
                throw ErrorCode.idempotencyConflict.reply("idempotency key already used with a different body", field: "idempotencyKey")
            }
            return SMSAccepted(messageId: SMSBook.reference(row["seq"], context: context), kind: SMSAccepted.Kind(rawValue: row["kind"]) ?? .lms,
                               scheduledAt: Millis.date((row["due_at"] as Int64?) ?? row["created_at"]), idempotencyKey: request.idempotencyKey)
        }
        guard let phone = PhoneNumber.normalize(request.phone) else {
            throw ErrorCode.invalidPhone.reply("not a Korean mobile number", field: "phone")
        }
        guard !request.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ErrorReply(code: .emptyText, message: "text is empty", field: "text")
        }
        let bytes = EUCKR.byteCount(request.text)
        guard bytes <= EUCKR.long else {
            throw ErrorCode.messageTooLong.reply("\(bytes) EUC-KR bytes; LMS carries at most \(EUCKR.long)", field: "text")
        }
        if let subject = request.subject, EUCKR.byteCount(subject) > EUCKR.subject {
            throw ErrorCode.titleTooLong.reply("subject over \(EUCKR.subject) EUC-KR bytes", field: "subject")
        }
        let kind: SMSAccepted.Kind = bytes <= EUCKR.sms && request.subject == nil ? .sms : .lms
        let due = request.transactional ? now : try context.window.nextOpening(onOrAfter: now)
        let seq = try SMSBook.insert(
            SMSBook.Draft(institution: request.institution, idempotencyKey: request.idempotencyKey, bodyHash: bodyHash, phone: phone,
                          subject: kind == .lms ? request.subject : nil, text: request.text, kind: kind, lane: SMSBook.normalLane,
                          purpose: request.transactional ? .transactional : .api, noticeSeq: nil, due: due),
            now: now, in: db)
        return SMSAccepted(messageId: SMSBook.reference(seq, context: context), kind: kind, scheduledAt: due,
                           idempotencyKey: request.idempotencyKey)
    }
}
