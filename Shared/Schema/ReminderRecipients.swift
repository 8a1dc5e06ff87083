import Foundation

/// Registers an extra reminder recipient for a member (RE-4). Re-adding a removed number
/// reactivates the same recipient, so it is never reminded twice of one guarantee.
public struct AddReminderRecipient: BusRequest {
    public typealias Reply = ReminderRecipientAccepted
    public static let messageType = MessageType.command("reminder.addRecipient", handledBy: "reminder")
    public var businessNumber: String
    public var mobile: String
    /// Who: a branch operator id, or `self:<businessNumber>` for the member's own web page.
    public var actor: String

    /// The calling institution (issue 20): it may touch only a member no other institution holds a
    /// guarantee for, or one it holds a guarantee for itself. Absent: an operator's call.
    public var institution: String?

    public init(businessNumber: String, mobile: String, actor: String, institution: String? = nil) {
        self.businessNumber = businessNumber
        self.mobile = mobile
        self.actor = actor
        self.institution = institution
    }
}

/// Removes an extra recipient (by the key `AddReminderRecipient` answered).
public struct RemoveReminderRecipient: BusRequest {
    public typealias Reply = ReminderRecipientAccepted
    public static let messageType = MessageType.command("reminder.removeRecipient", handledBy: "reminder")
    public var businessNumber: String
    public var recipientKey: String
    public var actor: String

    /// The calling institution (issue 20): it may touch only a member no other institution holds a
    /// guarantee for, or one it holds a guarantee for itself. Absent: an operator's call.
    public var institution: String?

    public init(businessNumber: String, recipientKey: String, actor: String, institution: String? = nil) {
        self.businessNumber = businessNumber
        self.recipientKey = recipientKey
        self.actor = actor
        self.institution = institution
    }
}

/// Opts a member out of (or back into) reminders, from the next run on (RE-4).
public struct SetReminderOptOut: BusRequest {
    public typealias Reply = ReminderRecipientAccepted
    public static let messageType = MessageType.command("reminder.setOptOut", handledBy: "reminder")
    public var businessNumber: String
    public var optedOut: Bool
    public var actor: String

    /// The calling institution (issue 20): it may touch only a member no other institution holds a
    /// guarantee for, or one it holds a guarantee for itself. Absent: an operator's call.
    public var institution: String?

    public init(businessNumber: String, optedOut: Bool, actor: String, institution: String? = nil) {
        self.businessNumber = businessNumber
        self.optedOut = optedOut
        self.actor = actor
        self.institution = institution
    }
}

/// The answer to a recipient change.
public struct ReminderRecipientAccepted: BusMessage {
    public static let messageType = MessageType.reply("reminder.recipient.reply")
    /// `ceo` for the CEO, `x<id>` for an extra recipient.
    public var recipientKey: String?
    public var changed: Bool

    public init(recipientKey: String?, changed: Bool) {
        self.recipientKey = recipientKey
        self.changed = changed
    }
}
