import Foundation
import Synchronization

/// A settable clock for tests.
///
/// Thread-safe: a service under test reads it from its own tasks while the test moves it.
public final class FakeWallClock: WallClock, @unchecked Sendable {
    // `Mutex` makes the class actually safe; `@unchecked` only because the public
    // surface promised a class with a settable `now`.
    private let current: Mutex<Date>

    /// Creates a clock stopped at `start`.
    public init(_ start: Date) {
        current = Mutex(start)
    }

    /// The instant the clock currently shows; setting it moves the clock.
    public var now: Date {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }

    /// Moves the clock to `date` (forwards or backwards).
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }

    /// Moves the clock by `seconds` (negative moves it back).
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
