/// A message as the bus carries it: a header and an opaque payload (JSON of the contract type).
public struct Envelope: Hashable, Sendable {
    public var header: EnvelopeHeader
    public var payload: [UInt8]

    public init(header: EnvelopeHeader, payload: [UInt8]) {
        self.header = header
        self.payload = payload
    }
}
