import Foundation
import SongdalCrypto

/// The recipient link token (NO-5): `<noticeId>.<mac>`, the MAC being 24 bytes (192 bits) of
/// HMAC-SHA256 under the service's secret link key, base64url.
///
/// Derived rather than random so a re-send after a crash carries the very same link, and
/// nothing token-shaped is stored at all (a stolen database yields no working link; only the
/// key file does). Compared in constant time; never logged.
struct LinkToken: Sendable {
    let key: HMACKey

    func token(for noticeId: String) -> String {
        "\(noticeId).\(Self.base64url(mac(noticeId)))"
    }

    /// The notice id a token was minted for, or nil for a malformed or forged token.
    func noticeId(of token: String) -> String? {
        guard token.utf8.count <= 200, let dot = token.lastIndex(of: ".") else { return nil }
        let id = String(token[..<dot])
        let given = Array(token[token.index(after: dot)...].utf8)
        let expected = Array(Self.base64url(mac(id)).utf8)
        guard !id.isEmpty, HMAC.constantTimeEquals(given, expected) else { return nil }
        return id
    }

    private func mac(_ id: String) -> [UInt8] { Array(key.sha256(Array(("link:" + id).utf8)).prefix(24)) }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
