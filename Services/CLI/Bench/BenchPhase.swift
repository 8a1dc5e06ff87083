import Foundation
import Synchronization

/// Deadlines for the phases of `songdal bench` (issue 17 item 7: benchmarks never hang).
///
/// Every phase of every benchmark runs under ``run(_:_:)``. A watchdog thread of its own (so it
/// fires even when the phase blocks every cooperative thread, or a thread in libzmq) waits for
/// the phase to end; past ``deadline`` it names the phase on stderr and calls the handler set
/// with ``whenOverrun(_:)`` (`songdal bench` cancels the benchmark's task there). A phase that
/// then unwinds ends in ``Overrun``, which the command reports and exits with ``exitStatus``.
/// One that does not stop within ``grace`` — a blocking call no cancellation reaches — ends the
/// process with the same status, as does cleanup that hangs after an overrun.
///
/// The service benchmarks cannot see this type (they live in the service libraries); they take
/// ``hook``, a plain function of the same shape, and run each of their phases through it.
final class BenchPhase: Sendable {
    /// The exit status of a benchmark stopped by a deadline.
    static let exitStatus: Int32 = 3
    /// The default deadline of one phase; far above any phase of a goal-sized release run.
    static let defaultDeadlineSeconds = 600

    /// A phase that overran its deadline (and was cancelled).
    struct Overrun: Error, CustomStringConvertible {
        let phase: String
        let deadline: Duration
        var description: String {
            "phase '\(phase)' overran its deadline of \(BenchPhase.seconds(deadline)) s (--phase-deadline)"
        }
    }

    /// Time allowed to each phase.
    let deadline: Duration
    /// Time a phase past its deadline gets to unwind before the process exits.
    let grace: Duration
    private let state = Mutex<State>(State())

    private struct State {
        var onOverrun: (@Sendable () -> Void)?
        var overrun: Overrun?
    }

    init(deadline: Duration = .seconds(defaultDeadlineSeconds), grace: Duration = .seconds(30)) {
        self.deadline = deadline
        self.grace = grace
    }

    /// What to do when a phase overruns (besides reporting it): stop the benchmark.
    func whenOverrun(_ handler: @escaping @Sendable () -> Void) {
        state.withLock { $0.onOverrun = handler }
    }

    /// The first phase that overran, if any.
    var overrun: Overrun? { state.withLock { $0.overrun } }

    /// Runs `body` as the phase `name` under the deadline. Throws ``Overrun`` when the deadline
    /// passed before `body` ended, whatever `body` returned or threw (usually a cancellation).
    func run<T>(_ name: String, _ body: () async throws -> T) async throws -> T {
        let finished = DispatchSemaphore(value: 0)
        let watchdog = Thread { [self] in watch(name, finished: finished) }
        watchdog.name = "bench-phase-watchdog"
        watchdog.start()
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        finished.signal()
        if let overrun = state.withLock({ state in state.overrun.flatMap { $0.phase == name ? $0 : nil } }) {
            throw overrun
        }
        return try result.get()
    }

    /// ``run(_:_:)`` as a function value, for the service benchmarks' `phase` parameter.
    var hook: @Sendable (String, () async throws -> Void) async throws -> Void {
        { [self] name, body in try await run(name, body) }
    }

    /// The watchdog of one phase: returns when the phase ends in time; otherwise reports the
    /// overrun, stops the benchmark, and ends the process if it has not ended `grace` later.
    private func watch(_ name: String, finished: DispatchSemaphore) {
        if finished.wait(timeout: .now() + Self.dispatchInterval(deadline)) == .success { return }
        let overrun = Overrun(phase: name, deadline: deadline)
        let handler = state.withLock { state in
            if state.overrun == nil { state.overrun = overrun }
            return state.onOverrun
        }
        Self.standardError("songdal bench: \(overrun); stopping the benchmark\n")
        handler?()
        // Whether or not the phase unwinds, the process ends with the deadline's status: a
        // normal exit comes sooner; this one only when a blocked phase or its cleanup hangs.
        Thread.sleep(forTimeInterval: Double(Self.seconds(grace)))
        Self.standardError("songdal bench: phase '\(name)' did not stop within \(Self.seconds(grace)) s of its deadline; exiting\n")
        exit(Self.exitStatus)
    }

    static func seconds(_ duration: Duration) -> Int64 {
        duration.components.seconds + (duration.components.attoseconds > 0 ? 1 : 0)
    }

    private static func dispatchInterval(_ duration: Duration) -> DispatchTimeInterval {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !nanoseconds.overflow, nanoseconds.partialValue < Int64(Int.max) else { return .never }
        return .nanoseconds(Int(nanoseconds.partialValue + attoseconds / 1_000_000_000))
    }

    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
