import Foundation

/// A personal data field the identity service can release (ID-6: minimal fields only).
public enum DisclosedField: String, Codable, Sendable, CaseIterable, Comparable {
    case phone
    case carrier

    public static func < (lhs: DisclosedField, rhs: DisclosedField) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Record that a person consented to a third party receiving `fields` for `purpose` (ID-6 b).
public struct GiveConsent: BusRequest {
    public typealias Reply = ConsentRecorded
    public static let messageType = MessageType.command("identity.giveConsent", handledBy: "identity")
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

/// Withdraw a consent; later releases under it are refused.
public struct WithdrawConsent: BusRequest {
    public typealias Reply = ConsentRecorded
    public static let messageType = MessageType.command("identity.withdrawConsent", handledBy: "identity")
    public var consentId: String

    public init(consentId: String) { self.consentId = consentId }
}

/// A consent as recorded.
public struct ConsentRecorded: BusMessage, Hashable {
    public static let messageType = MessageType.reply("identity.consent.reply")
    public var consentId: String
    public var givenAt: Date
    public var withdrawnAt: Date?

    public init(consentId: String, givenAt: Date, withdrawnAt: Date? = nil) {
        self.consentId = consentId
        self.givenAt = givenAt
        self.withdrawnAt = withdrawnAt
    }
}
