/// The authenticated caller of one request.
public struct Principal: Sendable, Hashable {
    /// The key's public id (`gk_…`), safe to log; never the secret.
    public var keyId: String
    public var scope: APIKeyScope
    /// The institution the key belongs to (institution keys only).
    public var institution: String?
    /// A sandbox key: its notices go to the simulator only, outside the window, unbilled,
    /// and are marked sandbox everywhere. Only the routes that say so accept one.
    public var sandbox: Bool

    public init(keyId: String, scope: APIKeyScope, institution: String?, sandbox: Bool = false) {
        self.keyId = keyId
        self.scope = scope
        self.institution = institution
        self.sandbox = sandbox
    }
}
