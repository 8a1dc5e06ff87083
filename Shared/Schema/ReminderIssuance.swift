import Foundation

/// A guarantee was issued (RE-6): the guarantee is stored, its contact gets the result by SMS at
/// once (transactional, outside the sending window), and billing gets a mileage credit (BI-5).
public struct GuaranteeIssued: BusMessage {
    public static let messageType = MessageType.command("reminder.guaranteeIssued", handledBy: "reminder")
    public var guarantee: ReminderGuarantee
    public var member: ReminderMember
    /// The contact mobile entered on the application (담당자 휴대폰).
    public var contactMobile: String
    /// The institution billed for the SMS and credited with the mileage.
    public var institution: String

    public init(guarantee: ReminderGuarantee, member: ReminderMember, contactMobile: String, institution: String) {
        self.guarantee = guarantee
        self.member = member
        self.contactMobile = contactMobile
        self.institution = institution
    }
}
