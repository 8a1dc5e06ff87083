/// A registered message type: its name on the wire, payload version, kind, and who receives it.
public struct MessageType: Hashable, Sendable {
    /// Wire name, `<owner>.<verb>` by convention, e.g. `identity.resolve`.
    public let name: String
    /// Current payload version; receivers reject versions they do not know.
    public let version: UInt16
    public let kind: MessageKind
    /// The service that handles commands and queries of this type (its bus name).
    public let handler: String?
    /// For events: the services it is fanned out to.
    public let subscribers: [String]

    public init(name: String, version: UInt16 = 1, kind: MessageKind, handler: String? = nil, subscribers: [String] = []) {
        self.name = name
        self.version = version
        self.kind = kind
        self.handler = handler
        self.subscribers = subscribers
    }

    /// A command handled by `service`.
    public static func command(_ name: String, handledBy service: String, version: UInt16 = 1) -> MessageType {
        MessageType(name: name, version: version, kind: .command, handler: service)
    }

    /// A query answered by `service`.
    public static func query(_ name: String, handledBy service: String, version: UInt16 = 1) -> MessageType {
        MessageType(name: name, version: version, kind: .query, handler: service)
    }

    /// An event fanned out to `subscribers`.
    public static func event(_ name: String, subscribers: [String], version: UInt16 = 1) -> MessageType {
        MessageType(name: name, version: version, kind: .event, subscribers: subscribers)
    }

    /// A reply type.
    public static func reply(_ name: String, version: UInt16 = 1) -> MessageType {
        MessageType(name: name, version: version, kind: .reply)
    }
}
