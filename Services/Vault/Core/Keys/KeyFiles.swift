import Schema
import Foundation

/// Key material on disk: a 0700 folder, files written 0600 and never overwritten.
enum KeyFiles {
    static func prepare(_ folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    static func read(_ url: URL) throws -> String? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Writes a new secret file with mode 0600 (created exclusively, so a second writer fails).
    static func create(_ url: URL, contents: String) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: Data(contents.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}
