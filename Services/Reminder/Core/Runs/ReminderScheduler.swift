import Foundation
import Logging
import Runtime
import ServiceLifecycle

/// Starts the daily run (RE-3) at the configured KST time on each business day, once.
///
/// It polls the service clock instead of sleeping until 09:00, so a fake clock in tests and a
/// machine that slept both work; after downtime the first poll past the run time catches up
/// (the selection itself takes everything due and not yet sent). Non-business days have no run:
/// every send date is a business day, and late-found reminders wait for the next one.
public struct ReminderScheduler: Service {
    public let runner: ReminderRunner
    public let clock: any WallClock
    /// Minutes after KST midnight (default 9:00).
    public let runAtMinutes: Int
    public let pollInterval: Duration

    public init(runner: ReminderRunner, clock: any WallClock, runAtMinutes: Int = 9 * 60, pollInterval: Duration = .seconds(5)) {
        self.runner = runner
        self.clock = clock
        self.runAtMinutes = runAtMinutes
        self.pollInterval = pollInterval
    }

    public func run() async throws {
        await PollingLoop.run(idle: pollInterval) {
            await tick()
            return false
        }
    }

    /// One poll: runs today's reminders if they are due and not yet done.
    public func tick() async {
        let now = clock.now
        let today = KST.localDate(of: now)
        do {
            guard try runner.calendar.isBusinessDay(today), KST.secondsSinceMidnight(of: now) >= runAtMinutes * 60 else { return }
            let done = try await runner.endpoint.store.pool.read { db in try RunRecord.finished(db, asOf: today) }
            guard !done else { return }
            _ = try await runner.runOnce(asOf: today, now: now, dryRun: false)
        } catch is CancellationError {
            return
        } catch {
            runner.logger.error("reminder run failed; retried at the next poll", metadata: ["as_of": "\(today)", "error": "\(error)"])
        }
    }

    /// Parses `HH:MM` (or `off`, which is nil) into minutes after midnight.
    public static func minutes(_ text: String) -> Int?? {
        if text.lowercased() == "off" { return .some(nil) }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return .some(hour * 60 + minute)
    }
}
