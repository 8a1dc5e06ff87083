import ArgumentParser
import Foundation

/// Command-line options shared by every service executable:
///
///     @main struct NotifierMain: AsyncParsableCommand {
///         @OptionGroup var options: ServiceOptions
///         func run() async { await ServiceMain.run(service: "notifier", options: options) { context in [...] } }
///     }
///
/// Every option is optional here, so ``configuration(service:environment:)`` can tell "not given"
/// from "given the default" and let the environment fill the gap.
public struct ServiceOptions: ParsableArguments {
    /// `--bus`: broker endpoint (tcp://, ipc:// or inproc://).
    @Option(name: .customLong("bus"), help: "Broker endpoint (env SONGDAL_BUS).")
    public var bus: String?

    /// `--instance`: instance id within the service.
    @Option(name: .customLong("instance"), help: "Instance id, routing id <service>/<instance> (env SONGDAL_INSTANCE).")
    public var instance: String?

    /// `--data-dir`: store directory.
    @Option(name: .customLong("data-dir"), help: "Store directory (env SONGDAL_DATA_DIR).")
    public var dataDirectory: String?

    /// `--log-dir`: log directory, `-` for standard output only.
    @Option(name: .customLong("log-dir"), help: "Log directory, '-' for stdout only (env SONGDAL_LOG_DIR).")
    public var logDirectory: String?

    /// `--keys-dir`: CURVE key directory.
    @Option(name: .customLong("keys-dir"), help: "CURVE key directory (env SONGDAL_KEYS_DIR).")
    public var keysDirectory: String?

    /// `--insecure` / `--no-insecure`: plain tcp without CURVE.
    @Flag(name: .customLong("insecure"), inversion: .prefixedNo,
          help: "Plain tcp without CURVE; for development only (env SONGDAL_INSECURE=1).")
    public var insecure: Bool?

    /// `--log-level`: trace, debug, info, notice, warning, error or critical.
    @Option(name: .customLong("log-level"), help: "trace|debug|info|notice|warning|error|critical (env SONGDAL_LOG_LEVEL).")
    public var logLevel: String?

    /// `--holidays`: holiday calendar file.
    @Option(name: .customLong("holidays"), help: "Holiday calendar JSON (env SONGDAL_HOLIDAYS).")
    public var holidays: String?

    /// `--clock-offset`: seconds added to the system clock (demos and walks at any hour).
    // `.unconditional`: a clock in the past is a negative offset, which must not be read as a flag.
    @Option(name: .customLong("clock-offset"), parsing: .unconditional,
            help: "Seconds added to the system clock, for demos outside the sending window (env SONGDAL_CLOCK_OFFSET).")
    public var clockOffset: String?

    /// `--set key=value` (repeatable): service-specific settings.
    @Option(name: .customLong("set"), help: "Service setting key=value, repeatable (env SONGDAL_<SERVICE>_<KEY>).")
    public var settings: [String] = []

    /// Creates empty options (nothing given on the command line).
    public init() {}
}
