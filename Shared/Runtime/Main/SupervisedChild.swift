import Foundation
import Logging
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What a service does when a supervisor (`songdal up`) started it: proves it is alive, and
/// stops when the supervisor is gone.
///
/// - **Heartbeat**: every ``interval`` it rewrites its heartbeat file with its pid. The first
///   write tells the supervisor that the service has started; a file that stops changing tells it
///   that the process is frozen (SIGSTOP, a blocked cooperative pool) although it is still alive,
///   which an exit status never shows. `songdal probe --heartbeat` reads the same file for
///   compose health checks.
/// - **Parent watch**: a process whose parent was killed with SIGKILL is re-parented, so
///   `getppid()` changes. It then shuts itself down gracefully (SIGTERM to itself), so no child
///   outlives `songdal up` unsupervised. `prctl(PR_SET_PDEATHSIG)` was not used: it fires when the
///   *thread* that spawned the child exits, and the supervisor spawns from pool threads.
///
/// Both are off unless the environment names them (``heartbeatEnvironmentKey`` or
/// ``heartbeatDirectoryEnvironmentKey``, ``supervisorEnvironmentKey``), so a service run by hand or by compose behaves as before.
public struct SupervisedChild: Service {
    /// Environment variable with the heartbeat file's path.
    public static let heartbeatEnvironmentKey = "SONGDAL_HEARTBEAT_FILE"
    /// Environment variable with a folder for `<folder>/<service>.heartbeat` (containers, whose
    /// health check reads it with `songdal probe --heartbeat`).
    public static let heartbeatDirectoryEnvironmentKey = "SONGDAL_HEARTBEAT_DIR"
    /// Environment variable with the supervisor's process id.
    public static let supervisorEnvironmentKey = "SONGDAL_SUPERVISOR_PID"
    /// How often the heartbeat is written and the parent checked.
    public static let interval: Duration = .seconds(1)

    /// The heartbeat file, when one is asked for.
    public let heartbeatFile: URL?
    /// The supervisor's pid, when one is watched.
    public let supervisorPID: pid_t?
    private let logger: Logger

    /// The child's duties as `environment` names them, or `nil` when it names none.
    public init?(service: String, environment: [String: String], logger: Logger) {
        let file = environment[Self.heartbeatEnvironmentKey].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? environment[Self.heartbeatDirectoryEnvironmentKey].flatMap {
                $0.isEmpty ? nil : URL(fileURLWithPath: $0).appending(path: "\(service).heartbeat")
            }
        let parent = environment[Self.supervisorEnvironmentKey].flatMap { pid_t($0) }.flatMap { $0 > 1 ? $0 : nil }
        guard file != nil || parent != nil else { return nil }
        self.heartbeatFile = file
        self.supervisorPID = parent
        self.logger = logger
    }

    public func run() async throws {
        var orphaned = false
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            if !orphaned, let supervisorPID, getppid() != supervisorPID {
                // SIGTERM rather than returning: the group then stops every service gracefully,
                // as it does for an operator's Ctrl-C; returning would cancel them abruptly.
                orphaned = true
                logger.warning("supervisor is gone; stopping", metadata: ["supervisor_pid": "\(supervisorPID)"])
                kill(getpid(), SIGTERM)
            }
            if let heartbeatFile { Self.beat(heartbeatFile) }
            await cancelWhenGracefulShutdown { try? await Task.sleep(for: Self.interval) }
        }
    }

    /// Writes `<pid> <unix milliseconds>` atomically; a failed write is retried on the next beat
    /// (a missing beat is what the supervisor watches for, so it needs no error path of its own).
    static func beat(_ file: URL) {
        let milliseconds = Int64(Date().timeIntervalSince1970 * 1000)
        try? Data("\(getpid()) \(milliseconds)\n".utf8).write(to: file, options: .atomic)
    }
}
