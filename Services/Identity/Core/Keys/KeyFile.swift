import Foundation
import SongdalCrypto

/// A 32-byte secret kept as hex in a file of mode 0600, created on first use.
enum KeyFile {
    static func loadOrCreate(_ url: URL, name: String) throws(IdentityKeyError) -> [UInt8] {
        let manager = FileManager.default
        if manager.fileExists(atPath: url.path) {
            let text: String
            do { text = try String(contentsOf: url, encoding: .utf8) } catch {
                throw .unreadable(path: url.path, reason: "\(error.localizedDescription)")
            }
            guard let bytes = Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
                throw .invalid(name: name, reason: "file \(url.lastPathComponent) must hold 64 hex digits")
            }
            return bytes
        }
        do {
            let bytes = try SecureRandom.bytes(32)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
            // Created with 0600 from the start, so the secret is never readable by others.
            guard manager.createFile(atPath: url.path, contents: Data(Hex.encode(bytes).utf8),
                                     attributes: [.posixPermissions: 0o600]) else {
                throw IdentityKeyError.unreadable(path: url.path, reason: "create failed")
            }
            return bytes
        } catch let error as IdentityKeyError {
            throw error
        } catch {
            throw .unreadable(path: url.path, reason: "\(error)")
        }
    }
}
