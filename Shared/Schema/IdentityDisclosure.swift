import Foundation

/// Why personal data left the identity service (ID-6).
public enum LegalBasis: String, Codable, Sendable {
    /// (a) to the notifier, for a notice being sent.
    case notice
    /// (b) to a third party holding the person's consent for the purpose.
    case consent
    /// (c) a lawful-access request with a warrant, approved by a second operator.
    case lawfulAccess = "lawful_access"
}

/// Release `fields` of a person to a consented third party (ID-6 b). Refused (`no_consent`) and
/// recorded as a refused attempt without a matching, unwithdrawn consent.
///
/// A query, not a command, on purpose: a command's reply waits in the sender's outbox table, so
/// released phones would lie in clear in identity.sqlite (ID-5). The ledger row is committed
/// before the answer leaves; a retry is a second, again ledgered, release.
public struct DiscloseToThirdParty: BusRequest {
    public typealias Reply = Disclosure
    public static let messageType = MessageType.query("identity.discloseToThirdParty", handledBy: "identity")
    public var ci: String
    public var thirdParty: String
    public var purpose: String
    public var fields: [DisclosedField]

    public init(ci: String, thirdParty: String, purpose: String, fields: [DisclosedField]) {
        self.ci = ci
        self.thirdParty = thirdParty
        self.purpose = purpose
        self.fields = fields
    }
}

/// File a lawful-access request (ID-6 c). Nothing is released until `ApproveLawfulAccess` by a
/// different operator. A request without a warrant reference is refused and recorded.
public struct FileLawfulAccess: BusRequest {
    public typealias Reply = LawfulAccessFiled
    public static let messageType = MessageType.command("identity.fileLawfulAccess", handledBy: "identity")
    public var ci: String
    /// The requesting authority, e.g. `Seoul Central District Prosecutors' Office`.
    public var authority: String
    /// Warrant or court order reference; required.
    public var warrantReference: String
    public var purpose: String
    public var fields: [DisclosedField]
    /// The operator who files it.
    public var operatorId: String

    public init(ci: String, authority: String, warrantReference: String, purpose: String,
                fields: [DisclosedField], operatorId: String) {
        self.ci = ci
        self.authority = authority
        self.warrantReference = warrantReference
        self.purpose = purpose
        self.fields = fields
        self.operatorId = operatorId
    }
}

/// A lawful-access request awaiting its second operator.
public struct LawfulAccessFiled: BusMessage {
    public static let messageType = MessageType.reply("identity.fileLawfulAccess.reply")
    public var requestId: String

    public init(requestId: String) { self.requestId = requestId }
}

/// Approve a filed request. By the filing operator → refused (`same_operator`) and recorded; by
/// another operator → the data is released in the reply and ledgered. A query for the same
/// reason as `DiscloseToThirdParty`; the approving operator may collect again (ledgered again),
/// any third operator is refused (`already_released`).
public struct ApproveLawfulAccess: BusRequest {
    public typealias Reply = Disclosure
    public static let messageType = MessageType.query("identity.approveLawfulAccess", handledBy: "identity")
    public var requestId: String
    public var operatorId: String

    public init(requestId: String, operatorId: String) {
        self.requestId = requestId
        self.operatorId = operatorId
    }
}

/// Released data: the person's active lines, reduced to the released fields.
public struct Disclosure: BusMessage, Hashable {
    public static let messageType = MessageType.reply("identity.disclosure")

    public struct Line: Codable, Sendable, Hashable {
        public var carrier: Carrier?
        public var phone: String?

        public init(carrier: Carrier?, phone: String?) {
            self.carrier = carrier
            self.phone = phone
        }
    }

    public var ledgerId: Int64
    public var fields: [DisclosedField]
    public var lines: [Line]

    public init(ledgerId: Int64, fields: [DisclosedField], lines: [Line]) {
        self.ledgerId = ledgerId
        self.fields = fields
        self.lines = lines
    }
}

/// List the disclosure ledger of one person (ID-6).
public struct ListDisclosures: BusRequest {
    public typealias Reply = DisclosureList
    public static let messageType = MessageType.query("identity.listDisclosures", handledBy: "identity")
    public var ci: String

    public init(ci: String) { self.ci = ci }
}

/// One ledger row: who received (or was refused) which fields, why and when.
public struct LedgerEntry: Codable, Sendable, Hashable {
    public enum Outcome: String, Codable, Sendable { case released, refused }

    public var id: Int64
    /// The receiver: `notifier`, a third party, or an authority.
    public var recipient: String
    public var fields: [DisclosedField]
    public var purpose: String
    public var legalBasis: LegalBasis
    /// Notice id, consent id or lawful-access request id.
    public var reference: String
    public var outcome: Outcome
    /// For a refusal: the error code given.
    public var refusal: String?
    /// Operators involved (filing, approving), when any.
    public var operators: [String]
    public var at: Date

    public init(id: Int64, recipient: String, fields: [DisclosedField], purpose: String, legalBasis: LegalBasis,
                reference: String, outcome: Outcome, refusal: String?, operators: [String], at: Date) {
        self.id = id
        self.recipient = recipient
        self.fields = fields
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.reference = reference
        self.outcome = outcome
        self.refusal = refusal
        self.operators = operators
        self.at = at
    }
}

/// A person's ledger, oldest first.
public struct DisclosureList: BusMessage {
    public static let messageType = MessageType.reply("identity.listDisclosures.reply")
    public var entries: [LedgerEntry]

    public init(entries: [LedgerEntry]) { self.entries = entries }
}
