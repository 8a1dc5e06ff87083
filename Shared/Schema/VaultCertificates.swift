import Foundation

// The vault's certificate and verification contract (SPEC VA-4..VA-6). Handled by `vault`.

/// The certificates the vault issues (VA-6).
public enum VaultCertificateKind: String, Codable, Sendable, CaseIterable {
    /// 원본증명서.
    case original
    /// 등록증명서.
    case registration
    /// 폐기증명서 (issued by destruction).
    case destruction
    /// 유통증명서 for a notice.
    case delivery
}

/// Issues a certificate for a document (and, for `delivery`, a notice).
public struct IssueCertificate: BusRequest {
    public typealias Reply = CertificateIssued
    public static let messageType = MessageType.command("vault.issueCertificate", handledBy: "vault")
    public var kind: VaultCertificateKind
    public var documentId: String
    /// The requesting institution; must own the document.
    public var institution: String
    /// Who asks (a person's role or department; not a CI), printed on the certificate.
    public var requester: String
    public var purpose: String
    /// For `delivery`: the notice.
    public var noticeId: String?
    /// For `original`: a copy rather than the original.
    public var copy: Bool

    public init(kind: VaultCertificateKind, documentId: String, institution: String, requester: String, purpose: String,
                noticeId: String? = nil, copy: Bool = false) {
        self.kind = kind
        self.documentId = documentId
        self.institution = institution
        self.requester = requester
        self.purpose = purpose
        self.noticeId = noticeId
        self.copy = copy
    }
}

/// A signed certificate: the JSON (signed bytes) and its detached Ed25519 signature.
public struct CertificateIssued: BusMessage, Hashable {
    public static let messageType = MessageType.reply("vault.certificate.reply")
    public var serial: String
    public var kind: VaultCertificateKind
    public var documentId: String
    /// The exact signed bytes (UTF-8 JSON).
    public var json: String
    /// Detached Ed25519 signature over `json` (base64 in JSON).
    public var signature: Data
    public var keyId: String
    /// A sandbox certificate (X-8): about a sandbox notice, never valid as real evidence.
    @SandboxFlag public var sandbox: Bool

    public init(serial: String, kind: VaultCertificateKind, documentId: String, json: String, signature: Data, keyId: String,
                sandbox: Bool = false) {
        self.sandbox = sandbox
        self.serial = serial
        self.kind = kind
        self.documentId = documentId
        self.json = json
        self.signature = signature
        self.keyId = keyId
    }
}

/// Verifies a certificate the vault issued, by serial (online verification).
public struct VerifyCertificate: BusRequest {
    public typealias Reply = CertificateVerification
    public static let messageType = MessageType.query("vault.verifyCertificate", handledBy: "vault")
    public var serial: String
    /// Accept a sandbox certificate as a sandbox certificate (X-8); without it a sandbox
    /// certificate fails with `sandbox_certificate`.
    @SandboxFlag public var allowSandbox: Bool

    public init(serial: String, allowSandbox: Bool = false) {
        self.serial = serial
        self.allowSandbox = allowSandbox
    }
}

public struct CertificateVerification: BusMessage, Hashable {
    public static let messageType = MessageType.reply("vault.verifyCertificate.reply")
    public var serial: String
    public var valid: Bool
    /// Stable codes of what failed (`signature_invalid`, `unknown_key`, `expired`,
    /// `sandbox_certificate`, …); empty when valid.
    public var problems: [String]
    /// A sandbox certificate (X-8): `valid` is then true only when `allowSandbox` was asked.
    @SandboxFlag public var sandbox: Bool
    /// Why it is not valid, in words, when the reason is one a person should read (a sandbox
    /// certificate: "sandbox certificate: not valid as evidence").
    public var reason: String?

    public init(serial: String, valid: Bool, problems: [String], sandbox: Bool = false, reason: String? = nil) {
        self.sandbox = sandbox
        self.reason = reason
        self.serial = serial
        self.valid = valid
        self.problems = problems
    }
}

/// The vault's signing-key history and TSA certificate, for offline verifiers.
public struct VaultKeyHistoryQuery: BusRequest {
    public typealias Reply = VaultKeyHistory
    public static let messageType = MessageType.query("vault.keys", handledBy: "vault")
    public init() {}
}

public struct VaultKeyHistory: BusMessage, Hashable {
    public static let messageType = MessageType.reply("vault.keys.reply")

    public struct Key: Codable, Sendable, Hashable {
        public var keyId: String
        /// Ed25519 public key, SubjectPublicKeyInfo PEM.
        public var publicKeyPEM: String
        public var activeFrom: Date
        /// When it stopped signing (nil: current). Its certificates keep verifying.
        public var retiredAt: Date?

        public init(keyId: String, publicKeyPEM: String, activeFrom: Date, retiredAt: Date?) {
            self.keyId = keyId
            self.publicKeyPEM = publicKeyPEM
            self.activeFrom = activeFrom
            self.retiredAt = retiredAt
        }
    }

    public var keys: [Key]
    public var tsaCertificatePEM: String

    public init(keys: [Key], tsaCertificatePEM: String) {
        self.keys = keys
        self.tsaCertificatePEM = tsaCertificatePEM
    }
}

/// Re-checks one document or the whole store (blobs, metadata, log, checkpoints, certificates).
public struct VerifyVault: BusRequest {
    public typealias Reply = VaultAuditReport
    public static let messageType = MessageType.query("vault.verify", handledBy: "vault")
    /// One document, or nil for the whole store.
    public var documentId: String?

    public init(documentId: String? = nil) { self.documentId = documentId }
}

public struct VaultAuditReport: BusMessage, Hashable {
    public static let messageType = MessageType.reply("vault.verify.reply")

    public struct Problem: Codable, Sendable, Hashable, CustomStringConvertible {
        /// Stable code: `blob_hash_mismatch`, `metadata_mismatch`, `leaf_altered`, …
        public var code: String
        /// The document concerned, when one is.
        public var documentId: String?
        public var message: String

        public init(code: String, documentId: String?, message: String) {
            self.code = code
            self.documentId = documentId
            self.message = message
        }

        public var description: String { "\(code) [\(documentId ?? "-")]: \(message)" }
    }

    public var documents: Int
    public var leaves: Int
    public var checkpoints: Int
    public var certificates: Int
    public var problems: [Problem]

    public var isClean: Bool { problems.isEmpty }

    public init(documents: Int, leaves: Int, checkpoints: Int, certificates: Int, problems: [Problem]) {
        self.documents = documents
        self.leaves = leaves
        self.checkpoints = checkpoints
        self.certificates = certificates
        self.problems = problems
    }
}
