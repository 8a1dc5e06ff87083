import Foundation
import Schema

/// One leaf of the evidence log: an event with ids and hashes only, never personal data (VA-4).
///
/// Leaf bytes are the canonical text `v1|type|unixMillis|documentId|packageId|reference|contentHash|metadataHash`
/// (empty fields for absent values). A versioned, line-free text form keeps leaves readable in an
/// audit and lets later versions add fields while `v1` leaves keep verifying.
public struct EvidenceRecord: Hashable, Sendable, Codable {
    /// Format version of the leaf bytes.
    public static let version = "v1"

    public var type: EvidenceEventType
    /// When it happened, Unix milliseconds (UTC).
    public var time: Int64
    public var documentId: String
    public var packageId: String
    /// A certificate serial (issued, destroyed) or notice id (delivered, read).
    public var reference: String
    /// Hex SHA-256 of the document bytes (or of the certificate JSON for `issued`).
    public var contentHash: String
    /// Hex SHA-256 of the document's canonical metadata (registered only).
    public var metadataHash: String

    public init(type: EvidenceEventType, time: Date, documentId: String, packageId: String = "",
                reference: String = "", contentHash: String = "", metadataHash: String = "") {
        self.type = type
        self.time = Int64((time.timeIntervalSince1970 * 1000).rounded(.down))
        self.documentId = documentId
        self.packageId = packageId
        self.reference = reference
        self.contentHash = contentHash
        self.metadataHash = metadataHash
    }

    /// The canonical leaf bytes.
    public var bytes: [UInt8] {
        Array([Self.version, type.rawValue, String(time), documentId, packageId, reference, contentHash, metadataHash]
            .joined(separator: "|").utf8)
    }

    /// Parses leaf bytes; `nil` when they are not a well-formed record of a known version.
    public init?(bytes: [UInt8]) {
        let fields: [String]
        if bytes.allSatisfy({ $0 < 0x80 }) {
            // ASCII (every leaf the vault writes): each "|" byte is a character of its own, so
            // splitting the bytes splits the text the same way, without grapheme breaking.
            fields = bytes.split(separator: 0x7C, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        } else {
            guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
            fields = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        }
        guard fields.count == 8, fields[0] == Self.version, let type = EvidenceEventType(rawValue: fields[1]),
              let time = Int64(fields[2]) else { return nil }
        self.type = type
        self.time = time
        documentId = fields[3]
        packageId = fields[4]
        reference = fields[5]
        contentHash = fields[6]
        metadataHash = fields[7]
    }

    /// The RFC 6962 leaf hash of `bytes`.
    public var leafHash: [UInt8] { MerkleHash.leaf(bytes) }

    /// Checks that an id can go into a leaf: 1–128 characters of `[A-Za-z0-9._:-]`.
    public static func validate(id: String, field: String) throws(ErrorReply) {
        let allowed = id.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == 46 || byte == 95 || byte == 58 || byte == 45
        }
        guard !id.isEmpty, id.utf8.count <= 128, allowed else {
            throw ErrorReply(code: .invalidId, message: "\(field) must be 1–128 characters of A-Z a-z 0-9 . _ : -", field: field)
        }
    }
}
