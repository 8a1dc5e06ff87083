import Bus
import GRDB
import Runtime
import Schema

/// RE-6: a guarantee issued → stored, its contact told at once (a transactional SMS, outside the
/// sending window and outside the reminder rules), and one mileage credit to billing (BI-5) —
/// all in the inbox transaction, so a redelivered event does neither twice.
enum IssuanceHandler {
    static func register(on endpoint: BusEndpoint, calendar: BusinessCalendar) {
        endpoint.handle(GuaranteeIssued.self) { event, context in
            try refusing {
                let guarantee = try Guarantee(event.guarantee)
                let member = try Member(event.member)
                guard member.businessNumber == guarantee.businessNumber else { throw ReminderInputError.invalidBusinessNumber }
                guard let contact = MobileNumber(event.contactMobile) else { throw ReminderInputError.invalidMobile(field: "contact_mobile") }
                _ = try MemberDirectory(db: context.db, actor: "issuance", now: context.now).upsert(member)
                // BI-5: the credit (and the result SMS) belong to the guarantee's institution — the
                // one that imported it — not to whoever reports the issuance; the caller only for a
                // guarantee seen here first.
                let owner = try String.fetchOne(context.db, sql: "SELECT institution FROM guarantees WHERE guarantee_no = ?",
                                                arguments: [guarantee.number]) ?? event.institution
                _ = try GuaranteeDirectory(calendar: calendar).upsert(guarantee, institution: owner, in: context.db)
                try context.db.execute(sql: "INSERT OR IGNORE INTO issuances (guarantee_no, message_id, issued_at) VALUES (?, '', ?)",
                                       arguments: [guarantee.number, RunRecord.millis(context.now)])
                // Issued once per guarantee number: a second event for it (a re-send by another
                // producer) neither texts nor credits again.
                guard context.db.changesCount > 0 else { return }
                let text = ReminderText.issued(guaranteeNo: guarantee.number, kind: guarantee.kind, amount: guarantee.amount,
                                               endDate: guarantee.endDate)
                let sms = SendSMS(institution: owner, phone: contact.digits, subject: text.subject, text: text.body,
                                  idempotencyKey: "issuance:\(guarantee.number)", transactional: true)
                let id = try context.outbox.send(sms, causationId: context.envelope.header.id, in: context.db)
                try context.db.execute(sql: "UPDATE issuances SET message_id = ? WHERE guarantee_no = ?",
                                       arguments: [id.description, guarantee.number])
                let credit = UsageEvent(eventId: "mileage.credit:\(guarantee.number)", institution: owner,
                                        item: .mileageCredit, quantity: 1, occurredAt: context.now, reference: guarantee.number)
                try context.outbox.send(RecordUsage(events: [credit]), causationId: context.envelope.header.id, in: context.db)
            }
        }
    }
}
