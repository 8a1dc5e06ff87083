/// A peer's address on the bus: `<service>/<instance>`, used as its ZeroMQ routing id.
public struct RoutingID: Hashable, Sendable, CustomStringConvertible {
    public let service: String
    public let instance: String

    public init(service: String, instance: String) {
        self.service = service
        self.instance = instance
    }

    /// Parses `service/instance`; `nil` unless both parts are non-empty.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(service: String(parts[0]), instance: String(parts[1]))
    }

    public var description: String { "\(service)/\(instance)" }
    public var bytes: [UInt8] { Array(description.utf8) }
}
