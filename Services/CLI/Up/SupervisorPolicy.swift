/// The limits by which ``Supervisor`` judges its children.
///
/// The defaults suit one machine: a whole platform starts in a few seconds, so a child that has
/// not started in 90 s, or dies three times within 10 s of starting, will not recover by itself,
/// and an operator is better served by `up` stopping with the child's own error line than by a
/// restart loop behind a banner that says all is well.
struct SupervisorPolicy: Sendable {
    /// Delays between restarts.
    var backoff = RestartBackoff()
    /// How long children get after SIGTERM before SIGKILL (the whole stop stays within 5 s).
    var stopTimeout: Duration = .seconds(4)
    /// How long every child has to report started (and the gateway to answer /healthz).
    var startDeadline: Duration = .seconds(90)
    /// An exit before this uptime counts as a failed start.
    var quickFailureUptime: Duration = .seconds(10)
    /// Consecutive failed starts after which `up` gives up and stops.
    var quickFailureLimit = 3
    /// A heartbeat older than this is reported: the child is alive but not answering.
    var unresponsiveWarning: Duration = .seconds(5)
    /// A heartbeat older than this gets the child killed and restarted.
    var unresponsiveRestart: Duration = .seconds(15)
    /// How often heartbeats and readiness are checked.
    var checkInterval: Duration = .milliseconds(500)
}
