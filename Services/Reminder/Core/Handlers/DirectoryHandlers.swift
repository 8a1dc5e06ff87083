import Bus
import GRDB
import Runtime
import Schema

/// Issue 20: an institution may touch a member only when no other institution holds a guarantee
/// for it, or it holds one itself; otherwise the refusal reads like an unknown id at the gateway.
private func checkMemberOwner(_ businessNumber: String, institution: String?, db: Database) throws {
    guard let institution else { return }
    let owners = try String.fetchAll(db, sql: """
        SELECT DISTINCT institution FROM guarantees WHERE business_number = ? AND institution IS NOT NULL
        """, arguments: [businessNumber])
    if !owners.isEmpty, !owners.contains(institution) { throw ErrorReply(code: .forbidden, message: "not found") }
}

/// Members, guarantees and recipients over the bus (RE-1, RE-4).
enum DirectoryHandlers {
    static func register(on endpoint: BusEndpoint, calendar: BusinessCalendar) {
        endpoint.handle(UpsertMember.self) { request, context in
            try refusing {
                let member = try Member(request.member)
                try checkMemberOwner(member.businessNumber.digits, institution: request.institution, db: context.db)
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
                    try checkMemberOwner(member.businessNumber.digits, institution: request.institution, db: context.db)
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
                try checkMemberOwner(number.digits, institution: request.institution, db: context.db)
                let result = try MemberDirectory(db: context.db, actor: request.actor, now: context.now).addRecipient(number, mobile: mobile)
                return ReminderRecipientAccepted(recipientKey: result.key, changed: result.changed)
            }
        }
        endpoint.handle(RemoveReminderRecipient.self) { request, context in
            try refusing {
                guard let number = BusinessNumber(request.businessNumber) else { throw ReminderInputError.invalidBusinessNumber }
                try checkMemberOwner(number.digits, institution: request.institution, db: context.db)
                let changed = try MemberDirectory(db: context.db, actor: request.actor, now: context.now)
                    .removeRecipient(number, key: request.recipientKey)
                return ReminderRecipientAccepted(recipientKey: request.recipientKey, changed: changed)
            }
        }
        endpoint.handle(SetReminderOptOut.self) { request, context in
            try refusing {
                guard let number = BusinessNumber(request.businessNumber) else { throw ReminderInputError.invalidBusinessNumber }
                try checkMemberOwner(number.digits, institution: request.institution, db: context.db)
                let changed = try MemberDirectory(db: context.db, actor: request.actor, now: context.now)
                    .setOptOut(number, optedOut: request.optedOut)
                return ReminderRecipientAccepted(recipientKey: nil, changed: changed)
            }
        }
    }
}
