import Foundation
import GRDB
import Schema

/// Queues a notice reminder (NO-6) as a window-bound SMS/LMS on the normal lane; the SMS lane
/// skips it if the notice is read by the time it may go.
enum ReminderQueue {
    static func enqueue(notice: NoticeRow, phone: String, kinds: [String], context: NotifierContext, now: Date, db: Database) throws {
        let id = context.ids.id(notice.seq)
        let text = "[\(notice.institution)] 미열람 알림: \(notice.title) \(context.link(for: id))"
        let kind: SMSAccepted.Kind = EUCKR.byteCount(text) <= EUCKR.sms ? .sms : .lms
        // A sandbox notice's reminder ignores the window too.
        let due = notice.sandbox ? now : ((try? context.window.nextOpening(onOrAfter: now)) ?? now)
        try SMSBook.insert(
            SMSBook.Draft(institution: notice.institution, idempotencyKey: nil, bodyHash: nil, phone: phone,
                          subject: kind == .lms ? "열람 안내" : nil, text: text, kind: kind, lane: SMSBook.normalLane,
                          purpose: .reminder, noticeSeq: notice.seq, due: due),
            now: now, in: db)
        for kind in kinds { try NoticeTimelineStore.add(notice.seq, "reminder", at: now, detail: kind, in: db) }
    }
}
