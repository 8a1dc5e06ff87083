/// How long `songdal up` waits before restarting a child that died.
///
/// Doubles from `initial` to `maximum` while the child keeps dying young; a child that ran for
/// `stableAfter` or longer is considered healthy again and restarts after `initial`.
/// A start-up failure (exit 78, bad configuration) is not retried fast: it would only repeat.
struct RestartBackoff: Sendable {
    var initial: Duration = .milliseconds(250)
    var maximum: Duration = .seconds(30)
    var stableAfter: Duration = .seconds(60)

    /// The delay before the next start, given the previous delay and how long the child ran.
    func next(after previous: Duration?, ranFor uptime: Duration, exitStatus: Int32) -> Duration {
        if exitStatus == 78 { return maximum }
        guard let previous, uptime < stableAfter else { return initial }
        return min(previous * 2, maximum)
    }
}
