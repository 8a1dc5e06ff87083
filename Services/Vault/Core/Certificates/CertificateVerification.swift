import Schema
/// The outcome of verifying a certificate: the decoded certificate when it parsed, and what is wrong.
public struct CertificateVerificationResult: Sendable {
    public var certificate: VaultCertificate?
    public var problems: [CertificateProblem]

    public var isValid: Bool { problems.isEmpty }
    public var codes: [String] { problems.map(\.code) }
}
