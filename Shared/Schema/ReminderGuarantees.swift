import Foundation

/// A member company of the guarantee association (SPEC RE-1). The CEO is the default recipient
/// of guarantee-expiry reminders (RE-4).
public struct ReminderMember: Codable, Sendable, Hashable {
    /// Business registration number, `XXX-XX-XXXXX` or 10 digits (checksum-validated, SPEC §6).
    public var businessNumber: String
    public var companyName: String
    public var ceoName: String
    /// Korean mobile number, any common format.
    public var ceoMobile: String

    public init(businessNumber: String, companyName: String, ceoName: String, ceoMobile: String) {
        self.businessNumber = businessNumber
        self.companyName = companyName
        self.ceoName = ceoName
        self.ceoMobile = ceoMobile
    }
}

/// One guarantee (SPEC RE-1). Dates are KST calendar dates `YYYY-MM-DD`; money is integer won.
public struct ReminderGuarantee: Codable, Sendable, Hashable {
    /// The association's guarantee number; the identity of a guarantee (imports are idempotent by it).
    public var guaranteeNo: String
    public var businessNumber: String
    /// English code (`contract`) or Korean name (`계약`, `계약보증`); see the reminder service's kind list.
    public var kind: String
    public var amount: Int64
    public var startDate: String
    public var endDate: String

    public init(guaranteeNo: String, businessNumber: String, kind: String, amount: Int64, startDate: String, endDate: String) {
        self.guaranteeNo = guaranteeNo
        self.businessNumber = businessNumber
        self.kind = kind
        self.amount = amount
        self.startDate = startDate
        self.endDate = endDate
    }
}

/// Creates or updates a member. The reply says whether anything changed.
public struct UpsertMember: BusRequest {
    public typealias Reply = ReminderUpserted
    public static let messageType = MessageType.command("reminder.upsertMember", handledBy: "reminder")
    public var member: ReminderMember
    /// Who made the change (operator id, `self:<businessNumber>`, `import`), kept in the audit trail.
    public var actor: String

    /// The calling institution (issue 20): it may touch only a member no other institution holds a
    /// guarantee for, or one it holds a guarantee for itself. Absent: an operator's call.
    public var institution: String?

    public init(member: ReminderMember, actor: String, institution: String? = nil) {
        self.member = member
        self.actor = actor
        self.institution = institution
    }
}

/// Creates or updates a guarantee; with `member`, upserts the member first. A changed end date
/// moves the send date.
public struct UpsertGuarantee: BusRequest {
    public typealias Reply = ReminderUpserted
    public static let messageType = MessageType.command("reminder.upsertGuarantee", handledBy: "reminder")
    public var guarantee: ReminderGuarantee
    public var member: ReminderMember?
    public var actor: String
    /// The institution that owns the guarantee: its reminder SMS are billed to it. Absent (an
    /// operator's call, an older producer): the reminder service's `institution` setting.
    public var institution: String?

    public init(guarantee: ReminderGuarantee, member: ReminderMember? = nil, actor: String, institution: String? = nil) {
        self.guarantee = guarantee
        self.member = member
        self.actor = actor
        self.institution = institution
    }
}

/// The answer to an upsert.
public struct ReminderUpserted: BusMessage {
    public static let messageType = MessageType.reply("reminder.upserted")
    /// `false` when the stored record already said exactly this.
    public var changed: Bool

    public init(changed: Bool) { self.changed = changed }
}

/// A CSV of guarantees with their members (header `guarantee_no,business_number,company_name,
/// ceo_name,ceo_mobile,kind,amount,start_date,end_date`). Good rows are stored, bad rows are
/// reported by line; re-importing is idempotent by guarantee number.
public struct ImportGuarantees: BusRequest {
    public typealias Reply = GuaranteeImportReport
    public static let messageType = MessageType.command("reminder.importGuarantees", handledBy: "reminder")
    public var csv: String
    public var actor: String
    /// The institution importing: the guarantees' reminder SMS are billed to it. Absent (an
    /// operator's import, an older producer): the reminder service's `institution` setting.
    public var institution: String?

    public init(csv: String, actor: String, institution: String? = nil) {
        self.csv = csv
        self.actor = actor
        self.institution = institution
    }
}

/// What an import did.
public struct GuaranteeImportReport: BusMessage, Equatable {
    public static let messageType = MessageType.reply("reminder.importGuarantees.reply")
    /// Data lines read (header excluded).
    public var rows: Int
    /// Valid rows stored (new, changed or unchanged).
    public var accepted: Int
    /// Valid rows that created or changed a guarantee.
    public var changed: Int
    /// One typed error per rejected row, with its line (1-based, counting the header).
    public var errors: [ErrorReply]

    public init(rows: Int = 0, accepted: Int = 0, changed: Int = 0, errors: [ErrorReply] = []) {
        self.rows = rows
        self.accepted = accepted
        self.changed = changed
        self.errors = errors
    }
}
