import Schema
/// Why the vault cannot start: said once, clearly, at start-up.
public enum VaultStartupError: Error, CustomStringConvertible {
    case badKeyFile(String)
    case badSetting(String)

    public var description: String {
        switch self {
        case .badKeyFile(let path): "key file \(path) is malformed"
        case .badSetting(let reason): "bad vault setting: \(reason)"
        }
    }
}
