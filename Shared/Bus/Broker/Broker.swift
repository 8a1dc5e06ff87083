import Foundation
import Logging
import Schema
import Synchronization
import ZeroMQ

/// The stateless ROUTER in the middle of the bus (DESIGN §3).
///
/// It routes MSG frames by the header's destination and ACK/NACK frames by their destination
/// frame, answers NACK for what it cannot route, drops malformed traffic with a log line, and keeps
/// no state but the peer table, so it can be restarted at any moment. One thread owns its sockets;
/// `start` spawns it and `stop` joins it.
public final class Broker: @unchecked Sendable {
    public let configuration: BrokerConfiguration
    private let context: Context
    private let logger: Logger
    private let wake: EventFD
    private let stopping = Atomic<Bool>(false)
    private let faultSettings: Mutex<BrokerFaults>
    private let finished = DispatchSemaphore(value: 0)
    private let bound = Mutex<String?>(nil)
    private let started = Atomic<Bool>(false)

    /// Creates a broker on `context` (shared with in-process peers for `inproc://`).
    public init(configuration: BrokerConfiguration, context: Context, logger: Logger) throws(ZMQError) {
        self.configuration = configuration
        self.context = context
        self.logger = logger
        self.wake = try EventFD()
        self.faultSettings = Mutex(configuration.faults)
    }

    /// The endpoint actually bound (the real port when the configuration asked for `*`).
    public var boundEndpoint: String? { bound.withLock { $0 } }

    /// Changes the injected faults while running (tests).
    public func setFaults(_ faults: BrokerFaults) { faultSettings.withLock { $0 = faults } }

    /// Binds and starts the routing thread. Throws when the endpoint cannot be bound.
    public func start() throws(ZMQError) {
        let core = try BrokerCore(
            configuration: configuration, context: context, logger: logger, wake: wake)
        bound.withLock { $0 = core.boundEndpoint }
        started.store(true, ordering: .releasing)
        let box = CoreBox(core)
        let thread = Thread { [self] in
            box.run(until: stopping, faults: faultSettings)
            box.close()
            finished.signal()
        }
        thread.name = "songdal-broker"
        thread.start()
        logger.info("broker listening", metadata: ["endpoint": "\(core.boundEndpoint)", "security": "\(configuration.security.label)"])
    }

    /// Stops routing, closes the sockets and waits for the thread. Safe to call twice.
    public func stop() {
        guard started.exchange(false, ordering: .acquiringAndReleasing) else { return }
        stopping.store(true, ordering: .releasing)
        wake.signal()
        finished.wait()
        logger.info("broker stopped")
    }
}

/// Moves the thread-confined core into the routing thread.
private final class CoreBox: @unchecked Sendable {
    private var core: BrokerCore?
    init(_ core: BrokerCore) { self.core = core }
    func run(until stopping: borrowing Atomic<Bool>, faults: borrowing Mutex<BrokerFaults>) {
        core?.run(until: stopping, faults: faults)
    }
    func close() {
        core?.unbind()
        core = nil
    }
}

extension BusSecurity {
    var label: String {
        switch self {
        case .none: "none"
        case .curveServer: "curve"
        case .curveClient: "curve-client"
        }
    }
}
