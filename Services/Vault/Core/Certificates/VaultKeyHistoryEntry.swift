import Schema
import Foundation

/// A published signing key with its active period (VA-6 rotation with overlap): a key signs
/// from `activeFrom` until `retiredAt`, and what it signed keeps verifying afterwards.
public struct VaultKeyHistoryEntry: Sendable, Hashable {
    public var keyId: String
    public var activeFrom: Date
    public var retiredAt: Date?

    public init(keyId: String, activeFrom: Date, retiredAt: Date?) {
        self.keyId = keyId
        self.activeFrom = activeFrom
        self.retiredAt = retiredAt
    }

    /// Whether the key was signing at `instant`.
    public func covers(_ instant: Date) -> Bool {
        instant >= activeFrom && (retiredAt.map { instant <= $0 } ?? true)
    }
}
