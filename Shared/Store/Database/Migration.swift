import GRDB

/// One schema step of a service's store, applied once, in order, inside a transaction.
public struct Migration: Sendable {
    /// Unique, stable name (`identity-v1`); never rename one that has shipped.
    public let identifier: String
    public let apply: @Sendable (Database) throws -> Void

    public init(_ identifier: String, apply: @escaping @Sendable (Database) throws -> Void) {
        self.identifier = identifier
        self.apply = apply
    }
}
