import Foundation

// Channel providers as operators and tests see them (SPEC NO-3, NO-10). Handled by `notifier`.

/// What the simulated carriers "delivered" to a phone (tests and the demo read the link here).
/// Only the simulated carriers record; the HTTP provider's receiver keeps its own.
public struct CarrierInboxQuery: BusRequest {
    public typealias Reply = CarrierInbox
    public static let messageType = MessageType.query("notifier.carrierInbox", handledBy: "notifier")

    /// Any common format; normalised.
    public var phone: String
    /// Newest first, at most this many (default 20).
    public var limit: Int?

    public init(phone: String, limit: Int? = nil) {
        self.phone = phone
        self.limit = limit
    }
}

/// One message a simulated carrier delivered.
public struct CarrierMessage: Codable, Sendable, Hashable {
    /// The provider's name, e.g. `sim-kt`.
    public var provider: String
    public var channel: NoticeChannel
    /// Normalised digits.
    public var phone: String
    public var subject: String?
    public var text: String
    /// The recipient link inside `text`, when the message carries one.
    public var link: String?
    /// The notice or SMS it belongs to.
    public var reference: String
    public var deliveredAt: Date

    public init(provider: String, channel: NoticeChannel, phone: String, subject: String?, text: String, link: String?,
                reference: String, deliveredAt: Date) {
        self.provider = provider
        self.channel = channel
        self.phone = phone
        self.subject = subject
        self.text = text
        self.link = link
        self.reference = reference
        self.deliveredAt = deliveredAt
    }
}

public struct CarrierInbox: BusMessage, Hashable {
    public static let messageType = MessageType.reply("notifier.carrierInbox.reply")
    public var messages: [CarrierMessage]

    public init(messages: [CarrierMessage]) { self.messages = messages }
}

/// Health of every channel provider, for the operator dashboard.
public struct ProviderHealthQuery: BusRequest {
    public typealias Reply = ProviderHealthReport
    public static let messageType = MessageType.query("notifier.providerHealth", handledBy: "notifier")
    public init() {}
}

/// A provider taken out of (or put back into) rotation, and why.
public struct ProviderSwitch: Codable, Sendable, Hashable {
    public var provider: String
    /// `down` or `up`.
    public var to: String
    public var at: Date
    /// e.g. `5 consecutive errors: outage`, `probe succeeded`.
    public var reason: String

    public init(provider: String, to: String, at: Date, reason: String) {
        self.provider = provider
        self.to = to
        self.at = at
        self.reason = reason
    }
}

public struct ProviderHealth: Codable, Sendable, Hashable {
    public var name: String
    /// `simulated` or `http`.
    public var kind: String
    public var channels: [NoticeChannel]
    public var up: Bool
    public var consecutiveErrors: Int
    public var totalErrors: Int
    public var totalSent: Int
    public var lastSwitch: ProviderSwitch?

    public init(name: String, kind: String, channels: [NoticeChannel], up: Bool, consecutiveErrors: Int, totalErrors: Int,
                totalSent: Int, lastSwitch: ProviderSwitch?) {
        self.name = name
        self.kind = kind
        self.channels = channels
        self.up = up
        self.consecutiveErrors = consecutiveErrors
        self.totalErrors = totalErrors
        self.totalSent = totalSent
        self.lastSwitch = lastSwitch
    }
}

public struct ProviderHealthReport: BusMessage, Hashable {
    public static let messageType = MessageType.reply("notifier.providerHealth.reply")
    public var providers: [ProviderHealth]
    /// Recent switches, newest last.
    public var switches: [ProviderSwitch]

    public init(providers: [ProviderHealth], switches: [ProviderSwitch]) {
        self.providers = providers
        self.switches = switches
    }
}
