import Schema

/// One validated subscriber record (ID-1), as read from a sync file or a single update.
public struct DirectoryRow: Sendable, Hashable {
    /// The 64 CI bytes.
    public var ci: [UInt8]
    public var carrier: Carrier
    /// Normalised phone digits (ID-4).
    public var phone: [UInt8]
    public var kind: LineKind
    public var mvnoHost: Carrier?
    public var status: LineStatus
    /// Unix milliseconds.
    public var updatedAt: Int64

    public init(ci: [UInt8], carrier: Carrier, phone: [UInt8], kind: LineKind, mvnoHost: Carrier?,
                status: LineStatus, updatedAt: Int64) {
        self.ci = ci
        self.carrier = carrier
        self.phone = phone
        self.kind = kind
        self.mvnoHost = mvnoHost
        self.status = status
        self.updatedAt = updatedAt
    }
}
