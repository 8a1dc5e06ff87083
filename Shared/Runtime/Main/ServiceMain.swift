import Foundation
import Logging
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The shared entry point of every service executable.
///
/// Bootstraps logging (logfmt to stdout and `<logDirectory>/<service>.log`), loads the business
/// calendar (requiring the current KST year; warning when the next is missing within 90 days of year end), builds the services and runs them in a
/// `ServiceGroup` that shuts down gracefully on SIGTERM or SIGINT. Start-up errors print one line
/// to stderr and exit with status 78 (EX_CONFIG), so supervisors do not restart-loop on them.
public enum ServiceMain {
    /// Exit status for configuration and start-up errors (sysexits.h EX_CONFIG).
    public static let startupFailureStatus: Int32 = 78
    /// Exit status when a running service fails.
    public static let runtimeFailureStatus: Int32 = 1
    /// How long graceful shutdown may take before the group escalates to task cancellation.
    public static let gracefulShutdownLimit: Duration = .seconds(30)

    /// Resolves `options` for `service` and runs it; see ``run(configuration:clock:environment:makeServices:)``.
    public static func run(
        service: String,
        options: ServiceOptions,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: any WallClock = SystemWallClock(),
        makeServices: @Sendable (ServiceContext) async throws -> [any Service]
    ) async -> Never {
        let configuration: ServiceConfiguration
        do {
            configuration = try options.configuration(service: service, environment: environment)
        } catch {
            fail(service: service, .configuration(error), sink: nil)
        }
        await run(configuration: configuration, clock: clock, environment: environment, makeServices: makeServices)
    }

    /// Runs the services of one executable until they finish or a shutdown signal arrives.
    public static func run(
        configuration: ServiceConfiguration,
        clock: any WallClock = SystemWallClock(),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        makeServices: @Sendable (ServiceContext) async throws -> [any Service]
    ) async -> Never {
        let service = configuration.service
        let shifted = configuration.clockOffsetSeconds != 0 && clock is SystemWallClock
        let clock: any WallClock = shifted ? OffsetWallClock(offsetSeconds: configuration.clockOffsetSeconds) : clock
        let sink: LogSink
        do {
            sink = try LogSink(configuration: .init(service: service, directory: configuration.logDirectory))
        } catch {
            fail(service: service, .logging(error), sink: nil)
        }
        LoggingBootstrap.bootstrap(service: service, sink: sink, level: configuration.logLevel, clock: clock)
        var logger = Logger(label: "songdal.\(service)")
        logger[metadataKey: "instance"] = "\(configuration.instance)"

        if shifted {
            logger.warning("clock shifted: this process's time is not the real time", metadata: [
                "offset_seconds": "\(configuration.clockOffsetSeconds)", "now": "\(clock.now)",
            ])
        }
        let context: ServiceContext
        var services: [any Service]
        do {
            context = try makeContext(configuration: configuration, clock: clock, logger: logger, environment: environment)
        } catch {
            logger.critical("start-up failed", metadata: ["error": "\(error)"])
            fail(service: service, error, sink: sink)
        }
        if let warning = calendarWarning(calendar: context.calendar, clock: clock) {
            logger.warning("\(warning)", metadata: warning.logMetadata)
        }
        do {
            services = try await makeServices(context)
        } catch {
            logger.critical("start-up failed", metadata: ["error": "\(error)"])
            fail(service: service, .services(String(describing: error)), sink: sink)
        }

        if let supervised = SupervisedChild(service: service, environment: environment, logger: logger) {
            services.append(supervised)
        }
        var groupConfiguration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = gracefulShutdownLimit
        logger.info("started", metadata: ["bus": "\(configuration.busEndpoint)", "services": "\(services.count)"])
        do {
            try await ServiceGroup(configuration: groupConfiguration).run()
            logger.info("stopped")
            sink.flush()
            exit(0)
        } catch {
            logger.critical("stopped on error", metadata: ["error": "\(error)"])
            sink.flush()
            exit(runtimeFailureStatus)
        }
    }

    /// Loads and checks the calendar and builds the context: the testable part of start-up.
    ///
    /// Warns on the logger when the bus runs without CURVE.
    public static func makeContext(
        configuration: ServiceConfiguration,
        clock: any WallClock,
        logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StartupError) -> ServiceContext {
        if configuration.insecure {
            logger.warning("insecure mode: bus traffic is plain tcp without CURVE authentication or encryption")
        }
        let calendar = try loadCalendar(configuration: configuration, clock: clock, environment: environment)
        return ServiceContext(configuration: configuration, logger: logger, clock: clock, calendar: calendar)
    }

    /// The holiday calendar, required to cover the current KST year only.
    ///
    /// Found by ``BusinessCalendar/source(explicit:environment:currentDirectory:executable:isReadable:)``:
    /// `--holidays`/`SONGDAL_HOLIDAYS` (authoritative: a typo does not fall back), else the
    /// installed share folders, else the copy compiled into the binary — never the working folder.
    /// A missing next year does not stop start-up (SPEC §6: never a service that stops because the
    /// year changed); from 90 days before the year ends it sets the
    /// ``calendarNextYearMissingMetric`` gauge, and ``calendarWarning(calendar:clock:)`` returns
    /// the warning to log.
    public static func loadCalendar(
        configuration: ServiceConfiguration,
        clock: any WallClock,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StartupError) -> BusinessCalendar {
        do throws(CalendarError) {
            let calendar = try BusinessCalendar.loadDefault(explicit: configuration.holidaysPath, environment: environment)
            let year = KST.localDate(of: clock.now).year
            try calendar.requireYears(year...year)
            recordCalendarCoverage(calendar: calendar, clock: clock)
            return calendar
        } catch {
            throw .calendar(error)
        }
    }

    /// Prints `songdal-<service>: <reason>` to stderr and exits with ``startupFailureStatus``.
    static func fail(service: String, _ error: StartupError, sink: LogSink?) -> Never {
        sink?.flush()
        let line = Array("songdal-\(service): \(error.description)\n".utf8)
        line.withUnsafeBytes { buffer in
            if let base = buffer.baseAddress { _ = write(STDERR_FILENO, base, buffer.count) }
        }
        exit(startupFailureStatus)
    }
}
