import Bus
import GRDB
import Runtime
import Schema

/// Members, guarantees and recipients over the bus (RE-1, RE-4).
enum DirectoryHandlers {
    static func register(on endpoint: BusEndpoint, calendar: BusinessCalendar) {
        endpoint.handle(UpsertMember.self) { request, context in
            try refusing {
                let member = try Member(request.member)
                let changed = try MemberDirectory(db: context.db, actor: request.actor, now: context.now).upsert(member)
                return ReminderUpserted(changed: changed)
            }
        }
        endpoint.handle(UpsertGuarantee.self) { request, context in
            try refusing {
                let guarantee = try Guarantee(request.guarantee)
                // Issue 20: an institution never replaces another institution's guarantee (nor its
                // member through it); the refusal reads like an unknown id at the gateway.
                if let caller = request.institution,
                   let row = try Row.fetchOne(context.db, sql: "SELECT institution FROM guarantees WHERE guarantee_no = ?",
                                              arguments: [guarantee.number]),
                   let owner: String = row["institution"], owner != caller {
                    throw ErrorReply(code: .forbidden, message: "not found")
                }
                let members = MemberDirectory(db: context.db, actor: request.actor, now: context.now)
                var changed = false
                if let input = request.member {
                    let member = try Member(input)
                    guard member.businessNumber == guarantee.businessNumber else { throw ReminderInputError.invalidBusinessNumber }
                    changed = try members.upsert(member)
                } else if try !members.exists(guarantee.businessNumber) {
                    throw ReminderInputError.unknownMember
                }
                let stored = try GuaranteeDirectory(calendar: calendar).upsert(guarantee, institution: request.institution, in: context.db)
                return ReminderUpserted(changed: changed || stored)
            }
        }
        endpoint.handle(ImportGuarantees.self) { request, context in
            try GuaranteeImporter.importText(request.csv, actor: request.actor, institution: request.institution, calendar: calendar, now: context.now, db: context.db)
        }
        endpoint.handle(AddReminderRecipient.self) { request, context in
            try refusing {
                guard let number = BusinessNumber(request.businessNumber) else { throw ReminderInputError.invalidBusinessNumber }
                guard let mobile = MobileNumber(request.mobile) else { throw ReminderInputError.invalidMobile(field: "mobile") }
                let result = try MemberDirectory(db: context.db, actor: request.actor, now: context.now).addRecipient(number, mobile: mobile)
                return ReminderRecipientAccepted(recipientKey: result.key, changed: result.changed)
            }
        }
        endpoint.handle(RemoveReminderRecipient.self) { request, context in
            try refusing {
                guard let number = BusinessNumber(request.businessNumber) else { throw ReminderInputError.invalidBusinessNumber }
                let changed = try MemberDirectory(db: context.db, actor: request.actor, now: context.now)
                    .removeRecipient(number, key: request.recipientKey)
                return ReminderRecipientAccepted(recipientKey: request.recipientKey, changed: changed)
            }
        }
        endpoint.handle(SetReminderOptOut.self) { request, context in
            try refusing {
                guard let number = BusinessNumber(request.businessNumber) else { throw ReminderInputError.invalidBusinessNumber }
                let changed = try MemberDirectory(db: context.db, actor: request.actor, now: context.now)
                    .setOptOut(number, optedOut: request.optedOut)
                return ReminderRecipientAccepted(recipientKey: nil, changed: changed)
            }
        }
    }
}
