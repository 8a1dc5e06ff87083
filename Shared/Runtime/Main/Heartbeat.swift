import Foundation

/// A heartbeat file as written by ``SupervisedChild``.
public struct Heartbeat: Sendable, Equatable {
    /// The process that wrote it.
    public var pid: Int32
    /// When it was written (real time: heartbeats are compared with the reader's real clock, never
    /// with a service's shifted clock).
    public var written: Date

    /// Reads `file`, or `nil` when it is missing or not a heartbeat.
    public static func read(_ file: URL) -> Heartbeat? {
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        let fields = String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count == 2, let pid = Int32(fields[0]), let milliseconds = Int64(fields[1]) else { return nil }
        return Heartbeat(pid: pid, written: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// Seconds since it was written, against the real clock.
    public func age(now: Date = Date()) -> TimeInterval { now.timeIntervalSince(written) }
}
