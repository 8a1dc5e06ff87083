/// Why a ``LogSink`` could not be created.
public enum LogSinkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A configuration value is out of range.
    case invalidConfiguration(String)
    /// The log directory or file could not be created or opened.
    case cannotOpen(path: String, reason: String)

    /// One line an operator can act on.
    public var description: String {
        switch self {
        case .invalidConfiguration(let reason): "invalid log configuration: \(reason)"
        case .cannotOpen(let path, let reason): "cannot open log file \(path): \(reason)"
        }
    }
}
