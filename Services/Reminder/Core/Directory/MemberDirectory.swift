import Foundation
import GRDB

/// Members and their recipient settings, inside a caller's transaction.
///
/// Every change that affects who receives reminders (CEO mobile, opt-out, extra recipients) is
/// appended to `recipient_changes` with who and when — without the number itself, which is
/// personal data.
struct MemberDirectory {
    let db: Database
    let actor: String
    let now: Date

    /// Creates or updates `member`; returns whether anything changed.
    func upsert(_ member: Member) throws -> Bool {
        let key = member.businessNumber.digits
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT company_name, ceo_name, ceo_mobile FROM members WHERE business_number = ?"),
            arguments: [key])
        guard let existing else {
            try db.cachedStatement(sql: """
                INSERT INTO members (business_number, company_name, ceo_name, ceo_mobile, opted_out, updated_at)
                VALUES (?, ?, ?, ?, 0, ?)
                """).execute(arguments: [key, member.companyName, member.ceoName, member.ceoMobile.digits, milliseconds])
            try audit(key, change: "member_created", recipientKey: RecipientKey.ceo)
            return true
        }
        let company: String = existing[0], ceo: String = existing[1], mobile: String = existing[2]
        guard company != member.companyName || ceo != member.ceoName || mobile != member.ceoMobile.digits else { return false }
        try db.cachedStatement(sql: """
            UPDATE members SET company_name = ?, ceo_name = ?, ceo_mobile = ?, updated_at = ? WHERE business_number = ?
            """).execute(arguments: [member.companyName, member.ceoName, member.ceoMobile.digits, milliseconds, key])
        if ceo != member.ceoName { try audit(key, change: "ceo_name_changed", recipientKey: RecipientKey.ceo) }
        if mobile != member.ceoMobile.digits { try audit(key, change: "ceo_mobile_changed", recipientKey: RecipientKey.ceo) }
        return true
    }

    func exists(_ businessNumber: BusinessNumber) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM members WHERE business_number = ?", arguments: [businessNumber.digits]) ?? false
    }

    /// Opts the member out of reminders (or back in); returns whether it changed.
    func setOptOut(_ businessNumber: BusinessNumber, optedOut: Bool) throws -> Bool {
        guard try exists(businessNumber) else { throw ReminderInputError.unknownMember }
        try db.execute(sql: "UPDATE members SET opted_out = ?, updated_at = ? WHERE business_number = ? AND opted_out <> ?",
                       arguments: [optedOut, milliseconds, businessNumber.digits, optedOut])
        guard db.changesCount > 0 else { return false }
        try audit(businessNumber.digits, change: optedOut ? "opted_out" : "opted_in", recipientKey: nil)
        return true
    }

    /// Adds (or reactivates) an extra recipient; returns its key and whether it changed.
    func addRecipient(_ businessNumber: BusinessNumber, mobile: MobileNumber) throws -> (key: String, changed: Bool) {
        guard try exists(businessNumber) else { throw ReminderInputError.unknownMember }
        try db.execute(sql: """
            INSERT INTO extra_recipients (business_number, mobile, active) VALUES (?, ?, 1)
            ON CONFLICT (business_number, mobile) DO UPDATE SET active = 1 WHERE active = 0
            """, arguments: [businessNumber.digits, mobile.digits])
        let changed = db.changesCount > 0
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM extra_recipients WHERE business_number = ? AND mobile = ?",
                                    arguments: [businessNumber.digits, mobile.digits]) ?? 0
        let key = RecipientKey.extra(id)
        if changed { try audit(businessNumber.digits, change: "recipient_added", recipientKey: key) }
        return (key, changed)
    }

    /// Deactivates an extra recipient; returns whether it changed.
    func removeRecipient(_ businessNumber: BusinessNumber, key: String) throws -> Bool {
        guard let id = RecipientKey.extraID(key) else { throw ReminderInputError.unknownRecipient }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM extra_recipients WHERE id = ? AND business_number = ?",
                                arguments: [id, businessNumber.digits]) ?? false
        else { throw ReminderInputError.unknownRecipient }
        try db.execute(sql: "UPDATE extra_recipients SET active = 0 WHERE id = ? AND active = 1", arguments: [id])
        guard db.changesCount > 0 else { return false }
        try audit(businessNumber.digits, change: "recipient_removed", recipientKey: key)
        return true
    }

    private func audit(_ businessNumber: String, change: String, recipientKey: String?) throws {
        try db.cachedStatement(sql: """
            INSERT INTO recipient_changes (business_number, change, recipient_key, actor, at) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [businessNumber, change, recipientKey, actor, milliseconds])
    }

    private var milliseconds: Int64 { Int64((now.timeIntervalSince1970 * 1000).rounded(.down)) }
}
