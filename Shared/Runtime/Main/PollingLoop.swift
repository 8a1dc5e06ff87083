import ServiceLifecycle

/// The loop of a service's background worker (a scheduler, a sweeper, a queue drainer).
///
/// Runs `step` until the task is cancelled or graceful shutdown (SIGTERM) begins. A step that
/// reports no work is followed by a sleep of `idle`; graceful shutdown cuts that sleep short but
/// never a step in hand, so a batch being sent or written finishes before the service stops.
/// A step that throws is handed to `onError` (log it) and the loop goes on after `idle`.
public enum PollingLoop {
    public static func run(
        idle: Duration,
        onError: (any Error) -> Void = { _ in },
        _ step: () async throws -> Bool
    ) async {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            var worked = false
            do { worked = try await step() } catch is CancellationError { return } catch { onError(error) }
            if !worked {
                await cancelWhenGracefulShutdown { try? await Task.sleep(for: idle) }
            }
        }
    }
}
