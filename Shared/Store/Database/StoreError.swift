/// Why a store could not be opened or used.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The folder or file could not be created or opened.
    case cannotOpen(path: String, reason: String)
    /// A migration failed; the store is left as it was before it.
    case migrationFailed(identifier: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open store \(path): \(reason)"
        case .migrationFailed(let identifier, let reason): "migration \(identifier) failed: \(reason)"
        }
    }
}
