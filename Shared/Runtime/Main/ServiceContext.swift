import Logging

/// What a service's `main` receives to build its services.
public struct ServiceContext: Sendable {
    /// The resolved start-up configuration.
    public let configuration: ServiceConfiguration
    /// The service's root logger (logfmt, PII masked).
    public let logger: Logger
    /// The only source of "now" for domain code.
    public let clock: any WallClock
    /// The Korean business calendar, already checked to cover this year and the next.
    public let calendar: BusinessCalendar

    /// Creates a context; tests build one directly with a fake clock.
    public init(configuration: ServiceConfiguration, logger: Logger, clock: any WallClock, calendar: BusinessCalendar) {
        self.configuration = configuration
        self.logger = logger
        self.clock = clock
        self.calendar = calendar
    }
}
