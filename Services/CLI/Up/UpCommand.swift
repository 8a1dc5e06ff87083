import ArgumentParser
import Bus
import Foundation
import Logging
import Runtime
import ServiceLifecycle

/// `songdal up`: the whole platform on one machine — the broker, the five services and the
/// gateway as supervised child processes with embedded defaults (DESIGN §6).
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Run the broker, every service and the gateway as child processes; Ctrl-C stops them all.",
        discussion: """
            Stores go to <home>/data, logs to <home>/logs/<service>.log, CURVE keys to <home>/keys \
            (created on first start). A child that dies is restarted with backoff. The gateway URL and \
            the demo keys are printed and written to <home>/up.json (mode 600).
            """)

    @Option(help: "Folder for data, logs and keys (env SONGDAL_HOME).")
    var home: String = ProcessInfo.processInfo.environment["SONGDAL_HOME"] ?? ".songdal"

    @Option(name: .customLong("bus-port"), help: "Broker tcp port on 127.0.0.1; 0 picks a free one.")
    var busPort: Int = 7700

    @Option(name: .customLong("gateway-port"), help: "Gateway HTTP port on 127.0.0.1; 0 picks a free one.")
    var gatewayPort: Int = 8080

    @Option(name: .customLong("bin-dir"), help: "Folder of the songdal-* executables (default: next to this one).")
    var binDirectory: String?

    @Option(name: .customLong("service"), help: "Run only these services (repeatable; default: all).")
    var services: [String] = []

    @Option(name: .customLong("set"), help: "Setting for one service, <service>:<key>=<value> (repeatable).")
    var settings: [String] = []

    @Option(help: ArgumentHelp(
        "Run the platform's clock from this instant (ISO 8601, e.g. 2026-11-23T11:00:00+09:00), for a demo outside the sending window.",
        valueName: "instant"))
    var clock: String?

    @Flag(help: "Plain tcp on loopback without CURVE (development only).")
    var insecure = false

    @Option(name: .customLong("stall-limit"),
            help: "Seconds a child may go without a heartbeat before it is killed and restarted (reported after a third of it).")
    var stallLimit: Int = 15

    @Option(name: .customLong("log-level"), help: "Supervisor log level.")
    var logLevel: String = "info"

    static let allServices = ["identity", "vault", "notifier", "billing", "reminder", "gateway"]

    func validate() throws {
        for service in services where !Self.allServices.contains(service) {
            throw ValidationError("unknown service \"\(service)\"; one of \(Self.allServices.joined(separator: ", "))")
        }
        guard (3...3600).contains(stallLimit) else {
            throw ValidationError("--stall-limit takes whole seconds from 3 to 3600, got \(stallLimit)")
        }
        for setting in settings where !setting.contains(":") || !setting.contains("=") {
            throw ValidationError("--set takes <service>:<key>=<value>, got \"\(setting)\"")
        }
    }

    func run() async throws {
        let layout = PlatformLayout(home: URL(fileURLWithPath: home))
        try layout.prepare()
        let lock: UpLock
        do {
            lock = try UpLock(layout: layout)
        } catch {
            throw UpFailure(message: error.description)
        }
        let offset = try clockOffset()
        let sink = try LogSink(configuration: .init(service: "up", directory: layout.logs))
        // up.log is on the platform's clock, so its lines interleave with the children's.
        let logClock: any WallClock = offset.map { OffsetWallClock(offsetSeconds: $0) } ?? SystemWallClock()
        LoggingBootstrap.bootstrap(
            service: "up", sink: sink, level: Logger.Level(rawValue: logLevel) ?? .info, clock: logClock)
        let logger = Logger(label: "songdal.up")

        for name in ["broker", "cli"] + Self.allServices {
            _ = try BusKeys.loadOrCreate(name, in: layout.keys)
        }
        let bus = "tcp://127.0.0.1:\(busPort == 0 ? try FreePort.loopback() : busPort)"
        let httpPort = gatewayPort == 0 ? try FreePort.loopback() : gatewayPort
        var extra: [String: [String]] = [:]
        for setting in settings {
            let parts = setting.split(separator: ":", maxSplits: 1).map(String.init)
            extra[parts[0], default: []].append(parts[1])
        }
        let chosen = services.isEmpty ? Self.allServices : services
        var children = ChildSpec.platform(
            binaries: try binaries(), layout: layout, busEndpoint: bus, gatewayPort: httpPort,
            services: chosen, extraSettings: extra)
        if insecure {
            children = children.map { var child = $0; child.arguments.append("--insecure"); return child }
        }
        if let offset {
            // `=` keeps a negative offset (a clock in the past) from being read as a flag.
            children = children.map { var child = $0; child.arguments.append("--clock-offset=\(offset)"); return child }
            logger.warning("platform clock shifted", metadata: ["clock": "\(clock ?? "")", "offset_seconds": "\(offset)"])
        }
        let keys = try DemoKeys.loadOrSeed(layout: layout)
        let state = UpState(
            pid: getpid(), bus: bus, gatewayURL: "http://127.0.0.1:\(httpPort)",
            institution: keys.institution, institutionKey: keys.institutionKey, operatorKey: keys.operatorKey,
            sandboxKey: keys.sandboxKey)
        let banner = Self.banner(children: children, state: state, keys: keys, layout: layout)
        let gatewayURL = state.gatewayURL
        let wholePlatform = chosen.count == Self.allServices.count
        var policy = SupervisorPolicy()
        policy.unresponsiveRestart = .seconds(stallLimit)
        policy.unresponsiveWarning = .seconds(max(1, stallLimit / 3))
        let supervisor = Supervisor(
            children: children, layout: layout, logger: logger, policy: policy,
            readiness: {
                guard chosen.contains("gateway") else { return true }
                // With every service running, /healthz must say ok; with a subset, an answer will do.
                guard let status = Self.healthStatus(gatewayURL) else { return false }
                return wholePlatform ? status == 200 : true
            },
            onReady: {
                do {
                    try state.write(to: layout.stateFile)
                } catch {
                    logger.error("could not write the state file", metadata: ["error": "\(error)"])
                }
                FileHandle.standardOutput.write(Data(banner.utf8))
            })
        let group = ServiceGroup(configuration: .init(
            services: [supervisor], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        defer {
            try? FileManager.default.removeItem(at: layout.stateFile)
            withExtendedLifetime(lock) {}
        }
        do {
            try await group.run()
        } catch let failure as SupervisorFailure {
            throw UpFailure(message: "stopped: \(failure.description)\n  (logs: \(layout.logs.path)/<service>.log and <service>.stderr)")
        }
    }

    /// The gateway's `/healthz` status, or `nil` when it does not answer.
    private static func healthStatus(_ gatewayURL: String) -> Int? {
        guard let client = try? HTTPClient(base: gatewayURL) else { return nil }
        return (try? client.get("/healthz"))?.status
    }

    /// What `up` prints once the platform is ready.
    private static func banner(children: [ChildSpec], state: UpState, keys: DemoKeys, layout: PlatformLayout) -> String {
        """
        songdal up: \(children.count) processes (broker + \(children.count - 1) services), all started
          bus      \(state.bus)
          gateway  \(state.gatewayURL)
          logs     \(layout.logs.path)/<service>.log   (follow them: songdal tail)
          institution \(keys.institution)  key \(keys.institutionKey)
          sandbox key \(keys.sandboxKey ?? "-")   (simulated carriers only, any hour, never billed)
          operator key \(keys.operatorKey)
          (also in \(layout.stateFile.path), mode 600)

        Try:
          curl -s \(state.gatewayURL)/healthz
          curl -s -H 'Authorization: Bearer \(keys.institutionKey)' \(state.gatewayURL)/v1/invoices/$(date +%Y-%m)
          songdal demo        (the whole walk: document → notice → OTP → read → certificate → invoice)

        Ctrl-C stops everything.

        """
    }

    /// Seconds from now to `--clock`, or nil for the real time.
    private func clockOffset() throws -> Int64? {
        guard let clock else { return nil }
        let parser = ISO8601DateFormatter()
        guard let instant = parser.date(from: clock) else {
            throw ValidationError("--clock wants an ISO 8601 instant such as 2026-11-23T11:00:00+09:00")
        }
        return Int64(instant.timeIntervalSinceNow.rounded())
    }

    /// The folder holding `songdal-bus` and the service executables.
    private func binaries() throws -> URL {
        if let binDirectory { return URL(fileURLWithPath: binDirectory) }
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent()
    }
}
