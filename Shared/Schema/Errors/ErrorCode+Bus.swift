/// Codes of the bus itself (`BusError.errorReply`).
extension ErrorCode {
    /// A payload that does not decode as its registered type.
    public static let malformedPayload = ErrorCode("malformed_payload", .invalid)
    /// A frame or header that is not the Songdal wire protocol.
    public static let malformedMessage = ErrorCode("malformed_message", .invalid)
    /// A message type the receiver does not know (versions out of step).
    public static let unknownMessageType = ErrorCode("unknown_message_type", .failure)
    /// A payload version newer than the receiver understands.
    public static let unsupportedVersion = ErrorCode("unsupported_version", .failure)
    /// No connected peer for the destination.
    public static let unroutable = ErrorCode("unroutable", .unavailable)
    /// The endpoint is stopped.
    public static let notRunning = ErrorCode("not_running", .unavailable)
    /// Too many unacknowledged messages for a destination.
    public static let backPressure = ErrorCode("back_pressure", .unavailable)

    static let bus: [ErrorCode] = [
        malformedPayload, malformedMessage, unknownMessageType, unsupportedVersion, unroutable, notRunning, backPressure,
    ]
}
