import Foundation

/// Source of the current time. Domain code never calls `Date()` itself.
///
/// Injecting the clock is what lets tests of sending windows, deadlines and retention
/// move time deliberately instead of sleeping.
public protocol WallClock: Sendable {
    /// The current instant.
    var now: Date { get }
}

/// The real clock of the machine.
public struct SystemWallClock: WallClock {
    /// Creates the system clock.
    public init() {}

    /// The current instant, read from the operating system.
    public var now: Date { Date() }
}
