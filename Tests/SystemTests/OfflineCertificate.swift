import Foundation
import SongdalCrypto
import Testing
import VaultCore

/// A delivery certificate as the gateway hands it out, checked OFFLINE the way `songdal verify`
/// does (`CertificateVerifier` with nothing but the vault's published public keys).
struct OfflineCertificate: Sendable {
    let json: [UInt8]
    let signature: [UInt8]
    let serial: String

    /// Reads the `POST /v1/notices/{id}/certificate` body.
    init(reply: HTTPReply) throws {
        let object = reply.json
        json = Array(try #require(object["json"] as? String).utf8)
        signature = Array(try #require((object["signature"] as? String).flatMap { Data(base64Encoded: $0) }))
        serial = try #require(object["serial"] as? String)
    }

    /// The trusted keys from `GET /v1/vault/keys` (public; in practice published once and pinned).
    static func trustedKeys(_ reply: HTTPReply) throws -> [Ed25519PublicKey] {
        let keys = try #require(reply.json["keys"] as? [[String: Any]])
        return try keys.map { entry in try Ed25519PublicKey(pem: try #require(entry["publicKeyPEM"] as? String)) }
    }

    func verify(with keys: [Ed25519PublicKey]) -> CertificateVerificationResult {
        CertificateVerifier.verify(json: json, signature: signature, trustedKeys: keys)
    }

    /// The same certificate with the first `text` in its signed JSON replaced by `replacement`
    /// (still well-formed, so only the signature can catch it); nil when `text` is not there.
    func tampered(replacing text: String, with replacement: String) -> OfflineCertificate? {
        let json = String(decoding: self.json, as: UTF8.self)
        guard let range = json.range(of: text) else { return nil }
        return OfflineCertificate(json: Array(json.replacingCharacters(in: range, with: replacement).utf8), signature: signature, serial: serial)
    }

    private init(json: [UInt8], signature: [UInt8], serial: String) {
        self.json = json
        self.signature = signature
        self.serial = serial
    }
}
