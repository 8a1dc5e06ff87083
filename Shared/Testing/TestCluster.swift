import Bus
import Foundation
import Logging
import Runtime
import Schema
import ServiceLifecycle
import Store
import Synchronization
import ZeroMQ

/// The whole platform in one process (DESIGN §2): a broker on `inproc://`, any set of services
/// with temporary stores, one fake clock. Services can be stopped and restarted on the same
/// store, the broker restarted, and the broker made to drop, duplicate or delay frames.
public final class TestCluster: Sendable {
    public let context: Context
    public let clock: FakeWallClock
    public let calendar: BusinessCalendar
    public let directory: URL
    public let brokerEndpoint: String
    public let logger: Logger
    private let broker: Mutex<Broker?>
    private let faults: Mutex<BrokerFaults>
    private let running = Mutex<[String: RunningMember]>([:])

    private struct RunningMember: Sendable {
        let member: ClusterMember
        let endpoint: BusEndpoint
        let task: Task<Void, Never>
    }

    /// Starts the broker. `start` is the fake clock's first reading (default: a Monday inside the
    /// sending window, 2026-11-23 11:00 KST).
    public init(
        faults: BrokerFaults = .none, start: Date = Date(timeIntervalSince1970: 1_795_399_200),
        calendar: BusinessCalendar? = nil, settings: [String: String] = [:], transport: Transport = .inproc,
        logLevel: Logger.Level = .error
    ) throws {
        // Normalised as `--set` keys are, so `link-base` and `link_base` both reach `setting("link-base")`.
        self.settings = Dictionary(settings.map { (ServiceConfiguration.normalizedSettingKey($0.key), $0.value) }) { _, last in last }
        self.calendar = try calendar ?? TestCluster.repositoryCalendar()
        context = try Context()
        clock = FakeWallClock(start)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("songdal-cluster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch transport {
        case .inproc: brokerEndpoint = "inproc://bus-\(UUID().uuidString)"
        case .ipc: brokerEndpoint = "ipc://\(directory.path)/bus.sock"
        }
        var logger = Logger(label: "cluster")
        // SONGDAL_TEST_LOG=debug shows a failing test's bus traffic without editing it.
        logger.logLevel = ProcessInfo.processInfo.environment["SONGDAL_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? logLevel
        self.logger = logger
        self.faults = Mutex(faults)
        broker = Mutex(nil)
        try startBroker()
    }

    /// Service settings every member gets (as `--set` would give them).
    public let settings: [String: String]

    /// The calendar of `data/holidays-kr.json` in this repository.
    public static func repositoryCalendar() throws -> BusinessCalendar {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try BusinessCalendar.load(from: root.appendingPathComponent("data/holidays-kr.json"))
    }

    /// Changes the broker's injected faults.
    public func setFaults(_ newFaults: BrokerFaults) {
        faults.withLock { $0 = newFaults }
        broker.withLock { $0?.setFaults(newFaults) }
    }

    /// How the in-process peers reach the broker.
    public enum Transport: Sendable {
        /// Fastest; but libzmq never reconnects inproc peers, so the broker cannot be restarted.
        case inproc
        /// A Unix socket in the cluster's folder; peers reconnect after a broker restart.
        case ipc
    }

    /// Stops and starts the broker on the same endpoint: it forgets every peer, as a real restart
    /// does. Needs the `.ipc` transport (inproc peers never reconnect).
    public func restartBroker(downFor milliseconds: Int = 0) async throws {
        guard !brokerEndpoint.hasPrefix("inproc://") else {
            throw BusError.unroutable(destination: brokerEndpoint, reason: "restartBroker needs TestCluster(transport: .ipc)")
        }
        stopBroker()
        if milliseconds > 0 { try await Task.sleep(for: .milliseconds(milliseconds)) }
        try startBroker()
    }

    public func stopBroker() {
        let old = broker.withLock { current -> Broker? in
            defer { current = nil }
            return current
        }
        old?.stop()
    }

    private func startBroker() throws {
        var configuration = BrokerConfiguration(endpoint: brokerEndpoint)
        configuration.faults = faults.withLock { $0 }
        configuration.heartbeatMilliseconds = 200
        let new = try Broker(configuration: configuration, context: context, logger: logger)
        try new.start()
        broker.withLock { $0 = new }
    }

    /// Starts `member` on its store (`<directory>/<service>-<instance>/`), reusing it if it exists.
    @discardableResult
    public func start(_ member: ClusterMember) async throws -> BusEndpoint {
        let key = "\(member.service)/\(member.instance)"
        let folder = directory.appendingPathComponent("\(member.service)-\(member.instance)")
        let store = try ServiceStore(directory: folder, service: member.service, migrations: member.migrations,
                                     pageSize: member.storePageSize)
        var configuration = EndpointConfiguration(service: member.service, instance: member.instance, brokerEndpoint: brokerEndpoint)
        configuration.heartbeatMilliseconds = 200
        configuration.retry.ackTimeoutMilliseconds = 500
        configuration.retry.initialBackoffMilliseconds = 50
        configuration.retry.maximumBackoffMilliseconds = 500
        member.tune(&configuration)
        var memberLogger = logger
        memberLogger[metadataKey: "service"] = "\(member.service)"
        let clock = self.clock
        let endpoint = try BusEndpoint(
            configuration: configuration, store: store, registry: member.registry, context: context,
            logger: memberLogger, now: { clock.now })
        let services = try await member.build(ServiceEnvironment(
            endpoint: endpoint, store: store, clock: clock, calendar: calendar, logger: memberLogger, directory: folder,
            settings: settings))
        let task = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await endpoint.run() }
                for service in services { group.addTask { try? await service.run() } }
                await group.waitForAll()
            }
        }
        running.withLock { $0[key] = RunningMember(member: member, endpoint: endpoint, task: task) }
        // Return only once the broker routes to it, so a test's first message does not race the
        // connection (a real deployment covers that gap with retries).
        guard await eventually(timeoutSeconds: 10, pollMilliseconds: 5, { endpoint.isConnected }) else {
            throw BusError.unroutable(destination: key, reason: "did not reach the broker within 10 s")
        }
        return endpoint
    }

    /// Stops a running member (as a crash would, between transactions) and waits until it is down.
    public func stop(service: String, instance: String = "1") async {
        let entry = running.withLock { $0.removeValue(forKey: "\(service)/\(instance)") }
        guard let entry else { return }
        entry.task.cancel()
        await entry.task.value
    }

    /// Stops and starts a member again on the same store.
    @discardableResult
    public func restart(service: String, instance: String = "1") async throws -> BusEndpoint {
        guard let member = running.withLock({ $0["\(service)/\(instance)"]?.member }) else {
            throw BusError.notRunning
        }
        await stop(service: service, instance: instance)
        return try await start(member)
    }

    /// The endpoint of a running member.
    public func endpoint(_ service: String, instance: String = "1") -> BusEndpoint? {
        running.withLock { $0["\(service)/\(instance)"]?.endpoint }
    }

    /// Stops everything and removes the temporary stores.
    public func shutdown() async {
        let all = running.withLock { table -> [RunningMember] in
            defer { table.removeAll() }
            return Array(table.values)
        }
        for entry in all { entry.task.cancel() }
        for entry in all { await entry.task.value }
        stopBroker()
        try? FileManager.default.removeItem(at: directory)
    }
}
