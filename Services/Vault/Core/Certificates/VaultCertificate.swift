import Foundation
import Schema
import SongdalCrypto

/// A vault certificate (VA-6), self-contained: business fields, the document's content hash and
/// registration time-stamp token, log evidence (leaves, inclusion proofs, signed checkpoint), the
/// TSA certificate, and the signing key id. Its signature is detached (over the exact JSON).
public struct VaultCertificate: Codable, Sendable, Hashable {
    /// Format version; verifiers keep accepting every version they know.
    public static let currentVersion = 1
    /// Version 2 is version 1 with the `sandbox` member. Only sandbox certificates are
    /// written as version 2: a live certificate has nothing new, so it stays version 1 and its
    /// bytes are what they always were, while a verifier older than sandbox certificates refuses
    /// a sandbox one (`unsupported_version`) instead of ignoring the member it does not know.
    public static let sandboxVersion = 2
    public static let supportedVersions: Set<Int> = [1, 2]

    public var version: Int
    public var kind: VaultCertificateKind
    public var serial: String
    public var issuer: String
    public var issuedAt: Date
    /// End of validity (certificates of original; nil when it does not expire).
    public var validUntil: Date?
    public var policyOID: String
    public var requester: String
    public var purpose: String
    public var document: CertifiedDocument
    public var notice: CertifiedNotice?
    public var destruction: CertifiedDestruction?
    public var evidence: LogEvidence
    /// RFC 3161 token of the registration, over the content hash.
    public var timeStampToken: TimeStampToken
    /// The vault TSA certificate (PEM), vouched for by the signature over this certificate.
    public var tsaCertificate: String
    public var keyId: String
    /// True on a sandbox certificate: about a sandbox notice, signed like any other (the
    /// signature covers this member) but never valid as evidence. Absent on live certificates.
    public var sandbox: Bool?

    /// Whether this is a sandbox certificate.
    public var isSandbox: Bool { sandbox == true }

    /// Encoder giving the signed bytes: sorted keys, dates as Unix milliseconds.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }
}

/// The document a certificate is about.
public struct CertifiedDocument: Codable, Sendable, Hashable {
    public var documentId: String
    public var packageId: String
    public var institution: String
    public var fileName: String
    public var kind: String
    public var title: String
    public var keywords: [String]
    public var description: String
    public var size: Int64
    public var contentHash: String
    public var registeredAt: Date
    /// Original or copy (certificates of original).
    public var copy: Bool
}

/// The notice of a delivery certificate.
public struct CertifiedNotice: Codable, Sendable, Hashable {
    public var noticeId: String
    public var sender: String
    public var recipientMasked: String
    public var sentAt: Date
    public var deliveredAt: Date?
    public var readAt: Date?
}

/// The destruction of a destruction certificate.
public struct CertifiedDestruction: Codable, Sendable, Hashable {
    public var destroyedAt: Date
    /// The order, or `retention` when the retention period ended.
    public var basis: String
}

/// Log evidence: the leaves a certificate relies on, each with its inclusion proof in the tree
/// of the signed checkpoint.
public struct LogEvidence: Codable, Sendable, Hashable {
    public struct Entry: Codable, Sendable, Hashable {
        /// The leaf bytes (an `EvidenceRecord` as text).
        public var record: String
        public var leafIndex: Int
        /// Hex hashes, leaf side first.
        public var inclusionProof: [String]
    }

    public var entries: [Entry]
    public var checkpoint: SignedCheckpoint
}
