import Foundation
import Logging
import ServiceLifecycle
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs the platform's executables as child processes and keeps them running.
///
/// A child that exits is restarted after ``RestartBackoff``, and the restart is logged with the
/// exit status and the delay. On graceful shutdown (Ctrl-C, SIGTERM) every child gets SIGTERM,
/// then SIGKILL after `stopTimeout` if it is still there; `run()` returns when all are gone.
final class Supervisor: Service, Sendable {
    private let children: [ChildSpec]
    private let logger: Logger
    private let backoff: RestartBackoff
    private let stopTimeout: Duration
    private let state = Mutex(State())

    private struct State {
        var stopping = false
        var running: [String: Int32] = [:]
        var restarts: [String: Int] = [:]
    }

    init(children: [ChildSpec], logger: Logger, backoff: RestartBackoff = RestartBackoff(),
         stopTimeout: Duration = .seconds(20)) {
        self.children = children
        self.logger = logger
        self.backoff = backoff
        self.stopTimeout = stopTimeout
    }

    /// Restarts so far, per child name (for the status line and tests).
    var restartCounts: [String: Int] { state.withLock { $0.restarts } }

    func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for (index, child) in children.enumerated() {
                    group.addTask { await self.keepRunning(child) }
                    // The broker binds first so the services' first connect succeeds.
                    if index == 0 { try? await Task.sleep(for: .milliseconds(300)) }
                }
            }
        } onGracefulShutdown: {
            self.stopAll()
        }
        logger.info("all children stopped")
    }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    private func keepRunning(_ child: ChildSpec) async {
        var delay: Duration?
        while !isStopping {
            let started = ContinuousClock.now
            let status: Int32
            do {
                status = try await runOnce(child)
            } catch {
                logger.error("could not start child", metadata: ["child": "\(child.name)", "error": "\(error)"])
                status = 127
            }
            let uptime = ContinuousClock.now - started
            if isStopping {
                logger.info("child stopped", metadata: ["child": "\(child.name)", "status": "\(status)"])
                return
            }
            let wait = backoff.next(after: delay, ranFor: uptime, exitStatus: status)
            delay = wait
            logger.warning("child exited; restarting", metadata: [
                "child": "\(child.name)", "status": "\(status)",
                "uptime_ms": "\(uptime.components.seconds * 1000 + uptime.components.attoseconds / 1_000_000_000_000_000)",
                "restart_in_ms": "\(wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000)",
            ])
            try? await Task.sleep(for: wait)
            guard !isStopping else { return }
            state.withLock { $0.restarts[child.name, default: 0] += 1 }
        }
    }

    /// Starts `child` and returns its exit status (128 + signal when killed by a signal).
    private func runOnce(_ child: ChildSpec) async throws -> Int32 {
        let process = Process()
        process.executableURL = child.executable
        process.arguments = child.arguments
        // Its lines already go to <logs>/<name>.log; stderr (start-up errors) stays visible.
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        return try await withCheckedThrowingContinuation { continuation in
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
        }
    }

    /// SIGTERM to every child, then SIGKILL to those still alive after `stopTimeout`.
    private func stopAll() {
        let pids = state.withLock { state -> [String: Int32] in
            state.stopping = true
            return state.running
        }
        logger.info("stopping children", metadata: ["count": "\(pids.count)"])
        for (_, pid) in pids { kill(pid, SIGTERM) }
        let timeout = stopTimeout
        let logger = self.logger
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: Double(timeout.components.seconds))
            for (name, pid) in pids where kill(pid, 0) == 0 {
                logger.warning("child ignored SIGTERM; killing it", metadata: ["child": "\(name)", "pid": "\(pid)"])
                kill(pid, SIGKILL)
            }
        }
    }
}
