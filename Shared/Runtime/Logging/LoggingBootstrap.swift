import Logging
import Synchronization

/// Installs ``LogfmtLogHandler`` as the process-wide swift-log backend.
public enum LoggingBootstrap {
    // swift-log traps on a second `LoggingSystem.bootstrap`; remembering it here turns that
    // into a harmless no-op (tests, or a CLI that runs services in-process).
    private static let bootstrapped = Mutex(false)

    /// Bootstraps swift-log once per process; later calls change nothing and return `false`.
    /// `metadataProvider` adds contextual (task-local) metadata to every line.
    @discardableResult
    public static func bootstrap(
        service: String, sink: LogSink, level: Logger.Level, clock: any WallClock = SystemWallClock(),
        metadataProvider: Logger.MetadataProvider? = nil
    ) -> Bool {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return false }
        let factory: @Sendable (String, Logger.MetadataProvider?) -> any LogHandler = { label, provider in
            var handler = LogfmtLogHandler(
                label: label, service: service, sink: sink, clock: clock, metadataProvider: provider)
            handler.logLevel = level
            return handler
        }
        LoggingSystem.bootstrap(factory, metadataProvider: metadataProvider)
        return true
    }
}
