/// The authenticated caller of one request.
public struct Principal: Sendable, Hashable {
    /// The key's public id (`gk_…`), safe to log; never the secret.
    public var keyId: String
    public var scope: APIKeyScope
    /// The institution the key belongs to (institution keys only).
    public var institution: String?

    public init(keyId: String, scope: APIKeyScope, institution: String?) {
        self.keyId = keyId
        self.scope = scope
        self.institution = institution
    }
}
