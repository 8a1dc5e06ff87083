import Bus
import GRDB
import Schema

/// The notifier's answers to our SMS requests, matched by correlation id to the send rows: the
/// kind it chose, or the code it refused with (kept for operators; never re-sent automatically).
enum ReplyHandlers {
    static func register(on endpoint: BusEndpoint) {
        endpoint.handle(SMSAccepted.self) { reply, context in
            guard let id = context.envelope.header.correlationId?.description else { return }
            try context.db.execute(sql: "UPDATE reminder_sends SET accepted_kind = ? WHERE message_id = ?", arguments: [reply.kind.rawValue, id])
            try context.db.execute(sql: "UPDATE issuances SET accepted_kind = ? WHERE message_id = ?", arguments: [reply.kind.rawValue, id])
        }
        endpoint.handle(ErrorReply.self) { reply, context in
            guard let id = context.envelope.header.correlationId?.description else { return }
            try context.db.execute(sql: "UPDATE reminder_sends SET refused_code = ? WHERE message_id = ?", arguments: [reply.code.rawValue, id])
        }
    }
}
