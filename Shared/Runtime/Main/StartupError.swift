/// Why a service could not start; ``ServiceMain`` prints it and exits with status 78 (EX_CONFIG).
public enum StartupError: Error, Sendable, CustomStringConvertible {
    /// A flag or environment variable is invalid.
    case configuration(ConfigurationError)
    /// The log file could not be opened.
    case logging(LogSinkError)
    /// The holiday calendar is missing, malformed or does not cover the years needed.
    case calendar(CalendarError)
    /// The service's own set-up (`makeServices`) failed, e.g. its store would not open.
    case services(String)

    /// One line an operator can act on.
    public var description: String {
        switch self {
        case .configuration(let error): error.description
        case .logging(let error): error.description
        case .calendar(let error): error.description
        case .services(let reason): "could not set up services: \(reason)"
        }
    }
}
