/// What an API key may do (SPEC X-5).
public enum APIKeyScope: String, Codable, Sendable, CaseIterable {
    /// An institution's integration: its own documents, notices, campaigns, invoices, guarantees.
    case institution
    /// A platform operator: subscriber sync, consent and disclosure, the dashboard, keys.
    case `operator`
    /// Read-only oversight: the dashboard and the disclosure ledger, no changes.
    case auditor
}
