import Schema
import Foundation
import SongdalCrypto

/// Offline verification of vault certificates (VA-6) with nothing but the vault's public keys:
/// the detached signature, the checkpoint signature and its time-stamp, every inclusion proof,
/// that the leaves are about this document, the registration time-stamp over the content hash,
/// and validity. Every failure is named.
///
/// A sandbox certificate never verifies as a real one: it fails with `sandbox_certificate`
/// ("sandbox certificate: not valid as evidence") unless `allowSandbox` is given, and then the
/// result says it is a sandbox certificate (``CertificateVerificationResult/isSandbox``).
public enum CertificateVerifier {
    /// The reason a sandbox certificate is refused, in the words every verifier prints.
    public static let sandboxReason = "sandbox certificate: not valid as evidence"

    /// Verifies `json` (the exact signed bytes) and its detached `signature` against `trustedKeys`.
    /// `now`, when given, also checks expiry; `history` restricts each key to its active period.
    /// `allowSandbox` checks a sandbox certificate as a sandbox certificate instead of refusing it.
    public static func verify(
        json: [UInt8], signature: [UInt8], trustedKeys: [Ed25519PublicKey], now: Date? = nil,
        history: [VaultKeyHistoryEntry] = [], allowSandbox: Bool = false
    ) -> CertificateVerificationResult {
        var problems: [CertificateProblem] = []
        let certificate: VaultCertificate
        do {
            certificate = try VaultCertificate.decodeForVerification(json)
        } catch {
            return CertificateVerificationResult(certificate: nil, problems: [CertificateProblem("malformed", "not a vault certificate: \(error)")])
        }
        guard VaultCertificate.supportedVersions.contains(certificate.version) else {
            return CertificateVerificationResult(certificate: certificate,
                                                 problems: [CertificateProblem("unsupported_version", "version \(certificate.version)")])
        }
        let keys = Dictionary(trustedKeys.map { ($0.keyID, $0) }, uniquingKeysWith: { first, _ in first })
        if let key = keys[certificate.keyId] {
            if !key.isValidSignature(signature, for: json) {
                problems.append(CertificateProblem("signature_invalid", "the signature does not match the certificate bytes"))
            }
            if let entry = history.first(where: { $0.keyId == certificate.keyId }), !entry.covers(certificate.issuedAt) {
                problems.append(CertificateProblem("key_not_active", "key \(certificate.keyId) was not signing at the issue time"))
            }
        } else {
            problems.append(CertificateProblem("unknown_key", "signed by key \(certificate.keyId), which is not trusted"))
        }
        problems += evidenceProblems(certificate, keys: keys)
        problems += sandboxProblems(certificate, allowSandbox: allowSandbox)
        if let now, let end = certificate.validUntil, end < now {
            problems.append(CertificateProblem("expired", "valid until \(end)"))
        }
        return CertificateVerificationResult(certificate: certificate, problems: problems)
    }

    /// A sandbox certificate unless allowed (sandbox leaves in a certificate not marked sandbox
    /// are found with the other evidence problems).
    static func sandboxProblems(_ certificate: VaultCertificate, allowSandbox: Bool) -> [CertificateProblem] {
        var problems: [CertificateProblem] = []
        if certificate.isSandbox, !allowSandbox {
            problems.append(CertificateProblem("sandbox_certificate", sandboxReason))
        }
        if certificate.isSandbox, certificate.version < VaultCertificate.sandboxVersion {
            problems.append(CertificateProblem("unsupported_version", "a sandbox certificate is version \(VaultCertificate.sandboxVersion)"))
        }
        return problems
    }

    /// Checks everything except the detached signature.
    static func evidenceProblems(_ certificate: VaultCertificate, keys: [String: Ed25519PublicKey]) -> [CertificateProblem] {
        var problems: [CertificateProblem] = []
        guard let tsa = VerificationCache.tsaCertificate(certificate.tsaCertificate) else {
            return [CertificateProblem("tsa_certificate_invalid", "the embedded TSA certificate does not parse or is not for time-stamping")]
        }
        let checkpoint = certificate.evidence.checkpoint
        if let code = VerificationCache.checkpointProblem(checkpoint, key: keys[checkpoint.keyId], tsa: tsa) {
            problems.append(CertificateProblem(code, "checkpoint of size \(checkpoint.size) does not verify"))
        }
        let document = certificate.document
        var types: [EvidenceEventType] = []
        for entry in certificate.evidence.entries {
            guard let record = EvidenceRecord(bytes: Array(entry.record.utf8)) else {
                problems.append(CertificateProblem("evidence_malformed", "leaf \(entry.leafIndex) is not an evidence record"))
                continue
            }
            types.append(record.type)
            let proof = entry.inclusionProof.map { Hex.decode($0) ?? [] }
            do {
                try MerkleVerifier.verifyInclusion(leafHash: record.leafHash, index: entry.leafIndex, size: checkpoint.size,
                                                   proof: proof, root: checkpoint.rootHash)
            } catch {
                problems.append(CertificateProblem("inclusion_proof_invalid", "leaf \(entry.leafIndex): \(error)"))
            }
            if record.documentId != document.documentId || record.contentHash != document.contentHash && record.type != .issued {
                problems.append(CertificateProblem("evidence_mismatch", "leaf \(entry.leafIndex) is about another document or content"))
            }
        }
        // Sandbox evidence in a certificate not marked sandbox would pass a sandbox delivery off as real.
        if !certificate.isSandbox, types.contains(where: \.isSandbox) {
            problems.append(CertificateProblem("sandbox_evidence", "sandbox evidence in a certificate not marked sandbox"))
        }
        if types.first != .registered {
            problems.append(CertificateProblem("evidence_mismatch", "the first leaf is not the document's registration"))
        }
        // Verification checks the imprint too, so the token is parsed once more only when it
        // fails — to tell a token over other content from a broken one.
        let contentHash = Hex.decode(document.contentHash) ?? []
        if (try? certificate.timeStampToken.verify(sha256Digest: contentHash, certificate: tsa)) == nil {
            if let imprint = try? certificate.timeStampToken.messageImprint, imprint != contentHash {
                problems.append(CertificateProblem("time_stamp_mismatch", "the time-stamp token is over other content"))
            } else {
                problems.append(CertificateProblem("time_stamp_invalid", "the time-stamp token does not verify"))
            }
        }
        return problems
    }
}
