/// Whether a message is about sandbox traffic (SPEC X-8): notices sent with a sandbox key, which
/// go to the simulated carriers only, ignore the sending window, are never billed, and whose
/// evidence and certificates say so.
///
/// Coded as an optional `sandbox` member written only when true: a live message keeps exactly
/// the bytes it had before the flag existed (idempotency body hashes stay stable), and a message
/// without the member — every message of an older peer — decodes as live.
@propertyWrapper
public struct SandboxFlag: Codable, Sendable, Hashable {
    public var wrappedValue: Bool

    public init(wrappedValue: Bool = false) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        wrappedValue = try decoder.singleValueContainer().decode(Bool.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension KeyedDecodingContainer {
    /// A missing (or null) `sandbox` member is live.
    public func decode(_ type: SandboxFlag.Type, forKey key: Key) throws -> SandboxFlag {
        try decodeIfPresent(type, forKey: key) ?? SandboxFlag(wrappedValue: false)
    }
}

extension KeyedEncodingContainer {
    /// Live (false) is not written at all.
    public mutating func encode(_ value: SandboxFlag, forKey key: Key) throws {
        if value.wrappedValue { try encode(true, forKey: key) }
    }
}
