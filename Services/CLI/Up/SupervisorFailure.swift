/// Why ``Supervisor`` stopped the whole platform instead of restarting a child.
struct SupervisorFailure: Error, CustomStringConvertible, Sendable {
    /// The child (or children) at fault.
    var child: String
    /// What went wrong, in one line.
    var reason: String
    /// The last line the child wrote to stderr in its last run (its own start-up error), if any.
    var lastErrorLine: String?

    var description: String {
        var text = "\(child) \(reason)"
        if let lastErrorLine { text += ": \(lastErrorLine)" }
        return text
    }
}
