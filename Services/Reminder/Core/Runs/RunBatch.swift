import Foundation
import GRDB
import Runtime
import Schema
import Store

/// One batch of a run, inside one transaction: for each due guarantee, either drop it (end date
/// passed), skip it (opted out, no recipient) or write, per recipient, a `reminder_sends` row and
/// its outbox `SendSMS` together. The send row's primary key (guarantee, recipient) makes a
/// second send impossible, whatever happened before; a dry run only reads.
struct RunBatch {
    let asOf: LocalDate
    let institution: String
    let runId: Int64?
    let now: Date

    /// Processes up to `limit` due guarantees after `cursor`; returns the tally and the new cursor
    /// (nil when the selection is exhausted).
    func process(_ db: Database, outbox: OutboxWriter?, after cursor: (sendDate: String, number: String)?, limit: Int)
        throws -> (tally: RunTally, cursor: (sendDate: String, number: String)?)
    {
        let due = try DueGuarantee.page(db, asOf: asOf, after: cursor, limit: limit)
        var tally = RunTally()
        var lookup = RecipientLookup()
        for guarantee in due {
            tally.selected += 1
            if guarantee.endDate < asOf {
                tally.expired += 1
                if outbox != nil { try setState(2, of: guarantee.number, db) }
                continue
            }
            switch try lookup.recipients(of: guarantee.businessNumber, in: db) {
            case .unknownMember: tally.noRecipient += 1
            case .optedOut: tally.optedOut += 1
            case .recipients(let recipients):
                for recipient in recipients {
                    if try send(guarantee, to: recipient, db: db, outbox: outbox) { tally.sent += 1 } else { tally.alreadySent += 1 }
                }
                if outbox != nil { try setState(1, of: guarantee.number, db) }
            }
        }
        let next = due.count < limit ? nil : due.last.map { (sendDate: $0.sendDate, number: $0.number) }
        return (tally, next)
    }

    /// Writes the send row and the SMS request; false when this recipient already had one.
    private func send(_ guarantee: DueGuarantee, to recipient: (key: String, mobile: String), db: Database, outbox: OutboxWriter?) throws -> Bool {
        guard let outbox else {
            return try !(Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM reminder_sends WHERE guarantee_no = ? AND recipient_key = ?"),
                                       arguments: [guarantee.number, recipient.key]) ?? false)
        }
        let stamp = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO reminder_sends (guarantee_no, recipient_key, run_id, message_id, sent_at) VALUES (?, ?, ?, '', ?)
            """).execute(arguments: [guarantee.number, recipient.key, runId, stamp])
        guard db.changesCount > 0 else { return false }
        let text = ReminderText.expiry(guaranteeNo: guarantee.number, kind: guarantee.kind, amount: guarantee.amount, endDate: guarantee.endDate)
        // Billed to the institution that imported the guarantee; the service's setting only for
        // guarantees stored without one.
        let request = SendSMS(institution: guarantee.institution ?? institution, phone: recipient.mobile, subject: text.subject, text: text.body,
                              idempotencyKey: "reminder:\(guarantee.number):\(recipient.key)")
        let id = try outbox.send(request, in: db)
        try db.cachedStatement(sql: "UPDATE reminder_sends SET message_id = ? WHERE guarantee_no = ? AND recipient_key = ?")
            .execute(arguments: [id.description, guarantee.number, recipient.key])
        return true
    }

    private func setState(_ state: Int, of number: String, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE guarantees SET state = ? WHERE guarantee_no = ?").execute(arguments: [state, number])
    }
}
