/// A start-up setting that cannot be used; the service refuses to start with it.
public enum ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `source` (a flag such as `--log-level` or a variable such as `SONGDAL_LOG_LEVEL`) has a
    /// value that is not accepted; `expected` says what would be.
    case invalidValue(source: String, value: String, expected: String)
    /// A `--set` entry that is not `key=value`.
    case invalidSetting(String)

    /// One line an operator can act on.
    public var description: String {
        switch self {
        case .invalidValue(let source, let value, let expected):
            "invalid \(source) \"\(value)\": expected \(expected)"
        case .invalidSetting(let entry):
            "invalid --set \"\(entry)\": expected key=value"
        }
    }
}
