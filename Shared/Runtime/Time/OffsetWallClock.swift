import Foundation

/// The system clock moved by a fixed number of seconds: what `--clock-offset` gives a whole
/// platform for a demo outside the sending window. Time still runs; only the origin moves.
public struct OffsetWallClock: WallClock {
    /// Seconds added to the system time.
    public let offsetSeconds: Int64

    /// Creates a clock `offsetSeconds` ahead of (or, negative, behind) the system clock.
    public init(offsetSeconds: Int64) { self.offsetSeconds = offsetSeconds }

    /// The system time plus the offset.
    public var now: Date { Date().addingTimeInterval(TimeInterval(offsetSeconds)) }
}
