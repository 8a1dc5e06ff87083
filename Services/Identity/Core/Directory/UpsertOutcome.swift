/// What applying one directory row did.
enum UpsertOutcome: Sendable {
    case inserted
    case updated
    /// The directory already held exactly this.
    case unchanged
    /// The directory holds a newer record for this line.
    case stale
}
