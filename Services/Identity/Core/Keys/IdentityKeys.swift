import Foundation
import SongdalCrypto

/// The two secrets of ID-5: the AES-256-GCM key that seals CIs and phones, and the HMAC key
/// their lookup hashes are made with. Never in the repository: from settings
/// (`aes-key`/`hmac-key`, also spelled `identity.aes-key`, or `SONGDAL_IDENTITY_AES_KEY`…) as
/// 64 hex digits, else generated once into `<service folder>/keys/` with mode 0600.
public struct IdentityKeys: Sendable {
    public let aes: AESGCMKey
    public let hmac: [UInt8]

    public init(aes: AESGCMKey, hmac: [UInt8]) {
        self.aes = aes
        self.hmac = hmac
    }

    /// Fresh random keys (tests, benchmarks).
    public static func generate() throws -> IdentityKeys {
        IdentityKeys(aes: try AESGCMKey.generate(), hmac: try SecureRandom.bytes(32))
    }

    /// Keys from `settings` (normalised keys) or the key files under `directory/keys`.
    public static func load(settings: (String) -> String?, directory: URL) throws(IdentityKeyError) -> IdentityKeys {
        let folder = directory.appendingPathComponent("keys")
        let aesBytes = try value(named: "aes-key", settings: settings, file: folder.appendingPathComponent("identity-aes.key"))
        let hmacBytes = try value(named: "hmac-key", settings: settings, file: folder.appendingPathComponent("identity-hmac.key"))
        do {
            return IdentityKeys(aes: try AESGCMKey(bytes: aesBytes), hmac: hmacBytes)
        } catch {
            throw .invalid(name: "aes-key", reason: "must be 32 bytes (64 hex digits)")
        }
    }

    private static func value(named name: String, settings: (String) -> String?, file: URL) throws(IdentityKeyError) -> [UInt8] {
        if let text = settings(name) ?? settings("identity.\(name)") {
            guard let bytes = Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
                throw .invalid(name: name, reason: "must be 64 hex digits")
            }
            return bytes
        }
        return try KeyFile.loadOrCreate(file, name: name)
    }
}

/// Why the identity keys could not be had.
public enum IdentityKeyError: Error, Sendable, CustomStringConvertible {
    case invalid(name: String, reason: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let name, let reason): "identity key \(name) \(reason)"
        case .unreadable(let path, let reason): "cannot read or create key file \(path): \(reason)"
        }
    }
}
