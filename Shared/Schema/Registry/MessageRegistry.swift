/// Every message type the platform knows, by wire name.
///
/// Receivers look a type up before decoding, so an unknown name or a version from the future gets
/// a typed refusal instead of a crash. Services build the registry from the contracts they speak.
public struct MessageRegistry: Sendable {
    private var types: [String: MessageType] = [:]

    public init(_ types: [MessageType] = []) {
        for type in types { self.types[type.name] = type }
        self.types[ErrorReply.messageType.name] = ErrorReply.messageType
    }

    /// Adds types; a later registration of the same name replaces the earlier one.
    public mutating func register(_ more: [MessageType]) {
        for type in more { types[type.name] = type }
    }

    public func type(named name: String) -> MessageType? { types[name] }

    /// The registered type for a received header, or the typed reason it is refused.
    public func validate(_ header: EnvelopeHeader) throws(BusError) -> MessageType {
        guard let type = types[header.type] else { throw .unknownMessageType(header.type) }
        guard header.version <= type.version, header.version > 0 else {
            throw .unsupportedVersion(type: header.type, version: header.version)
        }
        return type
    }

    public var all: [MessageType] { Array(types.values) }
}
