/// How a message type travels and is handled.
public enum MessageKind: String, Sendable, Codable {
    /// Changes state at the receiver. Sent from the sender's outbox, applied once through the
    /// receiver's inbox, acknowledged after commit; its reply (if any) goes back the same way.
    case command
    /// Reads without changing anything. Sent directly, answered directly, retried on timeout;
    /// neither outbox nor inbox, because repeating it is harmless.
    case query
    /// A fact that happened. Fanned out by the publisher to every subscriber the type declares,
    /// one outbox row each: never PUB/SUB, which drops on join and reconnect.
    case event
    /// The answer to a command or query, matched by `correlationId`.
    case reply
}
