import Foundation
import SongdalCrypto

/// A 32-byte secret kept in the service's own folder (mode 0600), created on first start.
enum SecretFile {
    static func loadOrCreate(_ url: URL) throws -> [UInt8] {
        if let data = try? Data(contentsOf: url), data.count == 32 { return [UInt8](data) }
        let key = try SecureRandom.bytes(32)
        try Data(key).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        return key
    }
}
