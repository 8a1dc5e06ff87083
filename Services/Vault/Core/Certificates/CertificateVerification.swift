import Schema
/// The outcome of verifying a certificate: the decoded certificate when it parsed, and what is wrong.
public struct CertificateVerificationResult: Sendable {
    public var certificate: VaultCertificate?
    public var problems: [CertificateProblem]

    public var isValid: Bool { problems.isEmpty }
    /// A sandbox certificate: valid only when verified with `allowSandbox`, and then only
    /// as a sandbox certificate, never as evidence.
    public var isSandbox: Bool { certificate?.isSandbox == true }
    public var codes: [String] { problems.map(\.code) }
}
