import Foundation
import Logging
import Runtime
import ServiceLifecycle
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs the platform's executables as child processes, tells when they are all up, and keeps
/// them running — or stops everything with the reason when one cannot run.
///
/// - **Started** means the child wrote its first heartbeat (`SupervisedChild`) and, for the
///   platform as a whole, that `readiness` holds (the gateway's `/healthz` answers). Only then is
///   `onReady` called, which prints the banner.
/// - **Alive but frozen**: a heartbeat older than ``SupervisorPolicy/unresponsiveWarning`` is
///   logged; past ``SupervisorPolicy/unresponsiveRestart`` the child is killed and restarted.
/// - **Cannot run**: a start-up failure (exit 78), repeated deaths within seconds of starting, or
///   a platform not ready by ``SupervisorPolicy/startDeadline`` stop every child, and `run()`
///   throws a ``SupervisorFailure`` carrying the child's last stderr line.
/// - **Stop**: on SIGTERM/SIGINT every child gets SIGTERM (and SIGCONT, so a frozen one can act on
///   it), then SIGKILL after ``SupervisorPolicy/stopTimeout``; `run()` returns when all are gone.
/// Children learn the supervisor's pid and stop by themselves if it dies, even by SIGKILL.
final class Supervisor: Service, Sendable {
    private let children: [ChildSpec]
    private let layout: PlatformLayout
    private let logger: Logger
    private let policy: SupervisorPolicy
    private let readiness: @Sendable () -> Bool
    private let onReady: @Sendable () -> Void
    private let state = Mutex(State())

    private struct State {
        var stopping = false
        var ready = false
        var failure: SupervisorFailure?
        var running: [String: Int32] = [:]
        var restarts: [String: Int] = [:]
        /// Children killed because their heartbeat stopped (not counted as failed starts).
        var killedUnresponsive: Set<Int32> = []
    }

    /// - Parameters:
    ///   - readiness: whether the started platform answers (the gateway's health check); asked
    ///     only once every child has reported started.
    ///   - onReady: called once, when every child has started and `readiness` holds.
    init(children: [ChildSpec], layout: PlatformLayout, logger: Logger, policy: SupervisorPolicy = SupervisorPolicy(),
         readiness: @escaping @Sendable () -> Bool = { true }, onReady: @escaping @Sendable () -> Void = {}) {
        self.children = children
        self.layout = layout
        self.logger = logger
        self.policy = policy
        self.readiness = readiness
        self.onReady = onReady
    }

    /// Restarts so far, per child name.
    var restartCounts: [String: Int] { state.withLock { $0.restarts } }

    func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for (index, child) in children.enumerated() {
                    group.addTask { await self.keepRunning(child) }
                    // The broker binds first so the services' first connect succeeds.
                    if index == 0 { await pause(.milliseconds(300)) }
                }
                group.addTask { await self.awaitReadiness() }
            }
        } onGracefulShutdown: {
            self.stopAll()
        }
        if let failure = state.withLock({ $0.failure }) {
            logger.error("platform stopped", metadata: ["child": "\(failure.child)", "reason": "\(failure)"])
            throw failure
        }
        logger.info("all children stopped")
    }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    // MARK: Readiness

    private func awaitReadiness() async {
        let deadline = ContinuousClock.now + policy.startDeadline
        while !isStopping {
            let waiting = children.filter { !hasStarted($0.name) }.map(\.name)
            if waiting.isEmpty, readiness() {
                state.withLock { $0.ready = true }
                logger.info("platform ready", metadata: ["children": "\(children.count)"])
                onReady()
                return
            }
            if ContinuousClock.now >= deadline {
                let names = waiting.isEmpty ? "gateway" : waiting.joined(separator: ", ")
                let reason = waiting.isEmpty
                    ? "did not answer /healthz within \(policy.startDeadline)"
                    : "did not report started within \(policy.startDeadline)"
                fail(SupervisorFailure(child: names, reason: reason, lastErrorLine: waiting.first.flatMap { lastErrorLine($0) }))
                return
            }
            await pause(policy.checkInterval)
        }
    }

    /// Whether the running instance of `child` has written a heartbeat.
    private func hasStarted(_ child: String) -> Bool {
        guard let pid = state.withLock({ $0.running[child] }), let beat = Heartbeat.read(layout.heartbeat(child)) else {
            return false
        }
        return beat.pid == pid
    }

    // MARK: One child

    private func keepRunning(_ child: ChildSpec) async {
        var delay: Duration?
        var failedStarts = 0
        while !isStopping {
            let started = ContinuousClock.now
            let errorOffset = fileSize(layout.standardError(child.name))
            let outcome: (status: Int32, unresponsive: Bool)
            do {
                outcome = try await runOnce(child)
            } catch {
                fail(SupervisorFailure(child: child.name, reason: "could not be started (\(error))", lastErrorLine: nil))
                return
            }
            let uptime = ContinuousClock.now - started
            if isStopping {
                logger.info("child stopped", metadata: ["child": "\(child.name)", "status": "\(outcome.status)"])
                return
            }
            failedStarts = (uptime < policy.quickFailureUptime && !outcome.unresponsive) ? failedStarts + 1 : 0
            let lastLine = lastErrorLine(child.name, from: errorOffset)
            if outcome.status == ServiceMain.startupFailureStatus {
                fail(SupervisorFailure(
                    child: child.name, reason: "failed to start (exit \(outcome.status))", lastErrorLine: lastLine))
                return
            }
            if failedStarts >= policy.quickFailureLimit {
                fail(SupervisorFailure(
                    child: child.name,
                    reason: "exited \(failedStarts) times within \(policy.quickFailureUptime) of starting (last exit \(outcome.status))",
                    lastErrorLine: lastLine))
                return
            }
            let wait = policy.backoff.next(after: delay, ranFor: uptime, exitStatus: outcome.status)
            delay = wait
            var metadata: Logger.Metadata = [
                "child": "\(child.name)", "status": "\(outcome.status)",
                "uptime_ms": "\(uptime.milliseconds)", "restart_in_ms": "\(wait.milliseconds)",
            ]
            if let lastLine { metadata["stderr"] = "\(lastLine)" }
            logger.warning("child exited; restarting", metadata: metadata)
            await pause(wait)
            guard !isStopping else { return }
            state.withLock { $0.restarts[child.name, default: 0] += 1 }
        }
    }

    /// Starts `child`, watches its heartbeat while it runs, and returns its exit status (128 +
    /// signal when killed by one) and whether it was killed for not answering.
    private func runOnce(_ child: ChildSpec) async throws -> (status: Int32, unresponsive: Bool) {
        let heartbeat = layout.heartbeat(child.name)
        try? FileManager.default.removeItem(at: heartbeat)
        let process = Process()
        process.executableURL = child.executable
        process.arguments = child.arguments
        process.environment = ProcessInfo.processInfo.environment.merging([
            SupervisedChild.supervisorEnvironmentKey: "\(getpid())",
            SupervisedChild.heartbeatEnvironmentKey: heartbeat.path,
        ]) { $1 }
        // Its lines already go to <logs>/<name>.log; stderr (start-up errors) is kept in
        // <logs>/<name>.stderr so a failure can be reported with the child's own words.
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let errorHandle = try appendingHandle(layout.standardError(child.name))
        defer { try? errorHandle.close() }
        process.standardError = errorHandle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { [self] finished in
                self.state.withLock { state in
                    if state.running[child.name] == finished.processIdentifier { state.running[child.name] = nil }
                }
                let status = finished.terminationReason == .uncaughtSignal
                    ? 128 + finished.terminationStatus : finished.terminationStatus
                continuation.resume(returning: status)
            }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            let stopNow = state.withLock { state -> Bool in
                state.running[child.name] = pid
                return state.stopping
            }
            logger.info("child started", metadata: ["child": "\(child.name)", "pid": "\(pid)"])
            if stopNow { kill(pid, SIGTERM) }
            Task { await self.watch(child.name, pid: pid, heartbeat: heartbeat) }
        }
        let unresponsive = state.withLock { $0.killedUnresponsive.remove(process.processIdentifier) != nil }
        return (status, unresponsive)
    }

    /// Reports and, past the limit, kills a child that is alive but whose heartbeat stopped.
    private func watch(_ child: String, pid: Int32, heartbeat: URL) async {
        var warned = false
        while !isStopping, state.withLock({ $0.running[child] == pid }) {
            await pause(policy.checkInterval)
            guard let beat = Heartbeat.read(heartbeat), beat.pid == pid else { continue }
            let age = beat.age()
            if age >= policy.unresponsiveRestart.seconds, !isStopping {
                logger.error("child not responding; killing it to restart", metadata: [
                    "child": "\(child)", "pid": "\(pid)", "silent_ms": "\(Int(age * 1000))",
                ])
                state.withLock { _ = $0.killedUnresponsive.insert(pid) }
                kill(pid, SIGKILL)
                return
            }
            if age >= policy.unresponsiveWarning.seconds {
                if !warned {
                    logger.warning("child not responding", metadata: [
                        "child": "\(child)", "pid": "\(pid)", "silent_ms": "\(Int(age * 1000))",
                    ])
                }
                warned = true
            } else if warned {
                logger.info("child responding again", metadata: ["child": "\(child)", "pid": "\(pid)"])
                warned = false
            }
        }
    }

    // MARK: Stopping

    /// Records the first failure and stops the platform.
    private func fail(_ failure: SupervisorFailure) {
        let first = state.withLock { state -> Bool in
            guard state.failure == nil, !state.stopping else { return false }
            state.failure = failure
            return true
        }
        if first { stopAll() }
    }

    /// SIGTERM to every child, then SIGKILL to those still alive after `stopTimeout`.
    private func stopAll() {
        let pids = state.withLock { state -> [String: Int32] in
            state.stopping = true
            return state.running
        }
        logger.info("stopping children", metadata: ["count": "\(pids.count)"])
        for (_, pid) in pids {
            kill(pid, SIGTERM)
            kill(pid, SIGCONT)
        }
        let timeout = policy.stopTimeout
        let logger = self.logger
        Thread.detachNewThread { [self] in
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline, !self.state.withLock({ $0.running.isEmpty }) {
                Thread.sleep(forTimeInterval: 0.05)
            }
            let left = self.state.withLock { $0.running }
            for (name, pid) in left {
                logger.warning("child ignored SIGTERM; killing it", metadata: ["child": "\(name)", "pid": "\(pid)"])
                kill(pid, SIGKILL)
            }
        }
    }

    // MARK: Helpers

    /// Sleeps for `duration`, cut short when the platform stops (a restart delay of 30 s must not
    /// hold up Ctrl-C).
    private func pause(_ duration: Duration) async {
        let end = ContinuousClock.now + duration
        while !isStopping, ContinuousClock.now < end {
            try? await Task.sleep(for: min(.milliseconds(100), end - ContinuousClock.now))
        }
    }

    /// The last non-empty line of `<logs>/<child>.stderr` written after `offset`.
    private func lastErrorLine(_ child: String, from offset: UInt64 = 0) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: layout.standardError(child)) else { return nil }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let start = max(offset, size > 4096 ? size - 4096 : 0)
        guard size > start, (try? handle.seek(toOffset: start)) != nil, let data = try? handle.readToEnd() else { return nil }
        return String(decoding: data, as: UTF8.self)
            .split(whereSeparator: \.isNewline).last.map { String($0.prefix(500)) }
    }

    private func fileSize(_ url: URL) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.uint64Value ?? 0
    }

    private func appendingHandle(_ url: URL) throws -> FileHandle {
        if !FileManager.default.fileExists(atPath: url.path) {
            FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        return handle
    }
}

extension Duration {
    /// Whole milliseconds, for log lines.
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
    /// Seconds as a `TimeInterval`.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
