import Foundation
import ZeroMQ

/// CURVE key files of the bus, in the keys folder (`.songdal/keys/` by default):
/// `<name>.key` holds a secret key and `<name>.pub` its public key, Z85 text. The broker is
/// `broker`; every other `*.pub` in the folder is on the broker's allow-list.
public enum BusKeys {
    public enum KeyError: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case invalid(path: String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "cannot read or write key file \(path): \(reason)"
            case .invalid(let path): "key file \(path) does not hold a 40-character Z85 CURVE key"
            }
        }
    }

    public static let brokerName = "broker"

    /// Loads `<name>.key`, creating a new key pair (secret file mode 0600) when none exists.
    public static func loadOrCreate(_ name: String, in directory: URL) throws -> CurveKeyPair {
        let secretURL = directory.appendingPathComponent("\(name).key")
        if FileManager.default.fileExists(atPath: secretURL.path) {
            let secret = try read(secretURL)
            do { return try CurveKeyPair(secretKey: secret) } catch { throw KeyError.invalid(path: secretURL.path) }
        }
        let pair = try CurveKeyPair.generate()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(pair.secretKey.utf8).write(to: secretURL, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secretURL.path)
            try Data(pair.publicKey.utf8).write(to: directory.appendingPathComponent("\(name).pub"), options: .atomic)
        } catch {
            throw KeyError.unreadable(path: secretURL.path, reason: "\(error)")
        }
        return pair
    }

    /// The broker's public key, as clients need it.
    public static func brokerPublicKey(in directory: URL) throws -> String {
        try read(directory.appendingPathComponent("\(brokerName).pub"))
    }

    /// Every public key in the folder except the broker's: the ZAP allow-list.
    public static func allowedClients(in directory: URL) throws -> Set<String> {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw KeyError.unreadable(path: directory.path, reason: "\(error)")
        }
        var keys = Set<String>()
        for name in names where name.hasSuffix(".pub") && name != "\(brokerName).pub" {
            keys.insert(try read(directory.appendingPathComponent(name)))
        }
        return keys
    }

    private static func read(_ url: URL) throws -> String {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw KeyError.unreadable(path: url.path, reason: "\(error)")
        }
        let key = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard key.utf8.count == 40 else { throw KeyError.invalid(path: url.path) }
        return key
    }
}
