import Foundation
import Schema
import SongdalCrypto

/// Reading a certificate by hand: verification is dominated by `JSONDecoder` otherwise (a
/// certificate carries dozens of proof hashes, two tokens and a PEM).
///
/// The scanners mirror the synthesized `init(from:)` — same required and optional members,
/// unknown members skipped — and give up (nil) on anything else, e.g. a duplicate member or a
/// fractional date; ``VaultCertificate/decodeForVerification(_:)`` then decodes with `Codable`, which accepts
/// or reports it precisely. One difference, on purpose: time-stamp tokens are not parsed while
/// reading (see `JSONScanner.timeStampToken()`), as this reader serves verification, which
/// parses them anyway. Tests compare both paths on every certificate kind.
extension VaultCertificate {
    /// The certificate in `json`, for verifying it: scanned when it has the shape the vault
    /// writes (tokens left unparsed), else decoded with `Codable` (whose error is thrown).
    static func decodeForVerification(_ json: [UInt8]) throws -> VaultCertificate {
        var scanner = JSONScanner(json)
        if let certificate = VaultCertificate(scanning: &scanner), scanner.atEnd() { return certificate }
        return try decoder().decode(VaultCertificate.self, from: Data(json))
    }

    init?(scanning scanner: inout JSONScanner) {
        var version: Int?, kind: VaultCertificateKind?, serial: String?, issuer: String?, issuedAt: Date?
        var validUntil: Date??, policyOID: String?, requester: String?, purpose: String?
        var document: CertifiedDocument?, notice: CertifiedNotice??, destruction: CertifiedDestruction??
        var evidence: LogEvidence?, token: TimeStampToken?, tsaCertificate: String?, keyId: String?, sandbox: Bool??
        let complete = scanner.object { scanner, key in
            if key == "version" { return scanner.once(&version) { $0.integer() } }
            if key == "kind" { return scanner.once(&kind) { $0.string().flatMap(VaultCertificateKind.init(rawValue:)) } }
            if key == "serial" { return scanner.once(&serial) { $0.string() } }
            if key == "issuer" { return scanner.once(&issuer) { $0.string() } }
            if key == "issuedAt" { return scanner.once(&issuedAt) { $0.millisecondsDate() } }
            if key == "validUntil" { return scanner.onceOptional(&validUntil) { $0.millisecondsDate() } }
            if key == "policyOID" { return scanner.once(&policyOID) { $0.string() } }
            if key == "requester" { return scanner.once(&requester) { $0.string() } }
            if key == "purpose" { return scanner.once(&purpose) { $0.string() } }
            if key == "document" { return scanner.once(&document) { CertifiedDocument(scanning: &$0) } }
            if key == "notice" { return scanner.onceOptional(&notice) { CertifiedNotice(scanning: &$0) } }
            if key == "destruction" { return scanner.onceOptional(&destruction) { CertifiedDestruction(scanning: &$0) } }
            if key == "evidence" { return scanner.once(&evidence) { LogEvidence(scanning: &$0) } }
            if key == "timeStampToken" { return scanner.once(&token) { $0.timeStampToken() } }
            if key == "tsaCertificate" { return scanner.once(&tsaCertificate) { $0.string() } }
            if key == "keyId" { return scanner.once(&keyId) { $0.string() } }
            if key == "sandbox" { return scanner.onceOptional(&sandbox) { $0.bool() } }
            return scanner.skipValue()
        }
        guard complete, let version, let kind, let serial, let issuer, let issuedAt, let policyOID, let requester,
              let purpose, let document, let evidence, let token, let tsaCertificate, let keyId else { return nil }
        self.init(version: version, kind: kind, serial: serial, issuer: issuer, issuedAt: issuedAt,
                  validUntil: validUntil ?? nil, policyOID: policyOID, requester: requester, purpose: purpose,
                  document: document, notice: notice ?? nil, destruction: destruction ?? nil, evidence: evidence,
                  timeStampToken: token, tsaCertificate: tsaCertificate, keyId: keyId, sandbox: sandbox ?? nil)
    }
}

extension CertifiedDocument {
    init?(scanning scanner: inout JSONScanner) {
        var documentId: String?, packageId: String?, institution: String?, fileName: String?, kind: String?
        var title: String?, keywords: [String]?, description: String?, size: Int?, contentHash: String?
        var registeredAt: Date?, copy: Bool?
        let complete = scanner.object { scanner, key in
            if key == "documentId" { return scanner.once(&documentId) { $0.string() } }
            if key == "packageId" { return scanner.once(&packageId) { $0.string() } }
            if key == "institution" { return scanner.once(&institution) { $0.string() } }
            if key == "fileName" { return scanner.once(&fileName) { $0.string() } }
            if key == "kind" { return scanner.once(&kind) { $0.string() } }
            if key == "title" { return scanner.once(&title) { $0.string() } }
            if key == "keywords" { return scanner.once(&keywords) { $0.strings() } }
            if key == "description" { return scanner.once(&description) { $0.string() } }
            if key == "size" { return scanner.once(&size) { $0.integer() } }
            if key == "contentHash" { return scanner.once(&contentHash) { $0.string() } }
            if key == "registeredAt" { return scanner.once(&registeredAt) { $0.millisecondsDate() } }
            if key == "copy" { return scanner.once(&copy) { $0.bool() } }
            return scanner.skipValue()
        }
        guard complete, let documentId, let packageId, let institution, let fileName, let kind, let title, let keywords,
              let description, let size, let contentHash, let registeredAt, let copy else { return nil }
        self.init(documentId: documentId, packageId: packageId, institution: institution, fileName: fileName, kind: kind,
                  title: title, keywords: keywords, description: description, size: Int64(size), contentHash: contentHash,
                  registeredAt: registeredAt, copy: copy)
    }
}

extension CertifiedNotice {
    init?(scanning scanner: inout JSONScanner) {
        var noticeId: String?, sender: String?, recipientMasked: String?, sentAt: Date?
        var deliveredAt: Date??, readAt: Date??
        let complete = scanner.object { scanner, key in
            if key == "noticeId" { return scanner.once(&noticeId) { $0.string() } }
            if key == "sender" { return scanner.once(&sender) { $0.string() } }
            if key == "recipientMasked" { return scanner.once(&recipientMasked) { $0.string() } }
            if key == "sentAt" { return scanner.once(&sentAt) { $0.millisecondsDate() } }
            if key == "deliveredAt" { return scanner.onceOptional(&deliveredAt) { $0.millisecondsDate() } }
            if key == "readAt" { return scanner.onceOptional(&readAt) { $0.millisecondsDate() } }
            return scanner.skipValue()
        }
        guard complete, let noticeId, let sender, let recipientMasked, let sentAt else { return nil }
        self.init(noticeId: noticeId, sender: sender, recipientMasked: recipientMasked, sentAt: sentAt,
                  deliveredAt: deliveredAt ?? nil, readAt: readAt ?? nil)
    }
}

extension CertifiedDestruction {
    init?(scanning scanner: inout JSONScanner) {
        var destroyedAt: Date?, basis: String?
        let complete = scanner.object { scanner, key in
            if key == "destroyedAt" { return scanner.once(&destroyedAt) { $0.millisecondsDate() } }
            if key == "basis" { return scanner.once(&basis) { $0.string() } }
            return scanner.skipValue()
        }
        guard complete, let destroyedAt, let basis else { return nil }
        self.init(destroyedAt: destroyedAt, basis: basis)
    }
}

extension LogEvidence {
    init?(scanning scanner: inout JSONScanner) {
        var entries: [Entry]?, checkpoint: SignedCheckpoint?
        let complete = scanner.object { scanner, key in
            if key == "entries" { return scanner.once(&entries) { $0.elements { Entry(scanning: &$0) } } }
            if key == "checkpoint" { return scanner.once(&checkpoint) { SignedCheckpoint(scanning: &$0) } }
            return scanner.skipValue()
        }
        guard complete, let entries, let checkpoint else { return nil }
        self.init(entries: entries, checkpoint: checkpoint)
    }
}

extension LogEvidence.Entry {
    init?(scanning scanner: inout JSONScanner) {
        var record: String?, leafIndex: Int?, inclusionProof: [String]?
        let complete = scanner.object { scanner, key in
            if key == "record" { return scanner.once(&record) { $0.string() } }
            if key == "leafIndex" { return scanner.once(&leafIndex) { $0.integer() } }
            if key == "inclusionProof" { return scanner.once(&inclusionProof) { $0.strings() } }
            return scanner.skipValue()
        }
        guard complete, let record, let leafIndex, let inclusionProof else { return nil }
        self.init(record: record, leafIndex: leafIndex, inclusionProof: inclusionProof)
    }
}

extension SignedCheckpoint {
    init?(scanning scanner: inout JSONScanner) {
        var origin: String?, size: Int?, root: String?, keyId: String?, signature: String?, token: TimeStampToken?
        let complete = scanner.object { scanner, key in
            if key == "origin" { return scanner.once(&origin) { $0.string() } }
            if key == "size" { return scanner.once(&size) { $0.integer() } }
            if key == "root" { return scanner.once(&root) { $0.string() } }
            if key == "keyId" { return scanner.once(&keyId) { $0.string() } }
            if key == "signature" { return scanner.once(&signature) { $0.string() } }
            if key == "timeStampToken" { return scanner.once(&token) { $0.timeStampToken() } }
            return scanner.skipValue()
        }
        guard complete, let origin, let size, let root, let keyId, let signature, let token else { return nil }
        self.origin = origin
        self.size = size
        self.root = root
        self.keyId = keyId
        self.signature = signature
        self.timeStampToken = token
    }
}

extension JSONScanner {
    /// Reads a time-stamp token written as base64 DER. Unlike its `Codable` form the DER is
    /// not parsed here: the verifier parses it once, to verify it (a token that does not parse
    /// is then reported as not verifying).
    mutating func timeStampToken() -> TimeStampToken? {
        base64().map(TimeStampToken.init(unparsedDER:))
    }
}
