import Foundation

/// Runs the daily reminder selection now for `asOf` (default: today in KST), or previews it.
/// A real run is recorded; a dry run changes nothing.
public struct RunReminders: BusRequest {
    public typealias Reply = ReminderRunReport
    public static let messageType = MessageType.command("reminder.run", handledBy: "reminder")
    /// `YYYY-MM-DD`; `nil` = today (KST) by the service's clock.
    public var asOf: String?
    public var dryRun: Bool

    public init(asOf: String? = nil, dryRun: Bool) {
        self.asOf = asOf
        self.dryRun = dryRun
    }
}

/// Previews the run for a date without sending or recording anything.
public struct PreviewReminders: BusRequest {
    public typealias Reply = ReminderRunReport
    public static let messageType = MessageType.query("reminder.preview", handledBy: "reminder")
    public var asOf: String?

    public init(asOf: String? = nil) { self.asOf = asOf }
}

/// What a run did (or, for a dry run, would do).
public struct ReminderRunReport: BusMessage, Equatable {
    public static let messageType = MessageType.reply("reminder.run.reply")
    public var runId: Int64?
    public var asOf: String
    public var dryRun: Bool
    /// Due guarantees looked at (send date reached, not yet reminded).
    public var selected: Int
    /// SMS requests written (one per guarantee and recipient).
    public var sent: Int
    /// Due guarantees not sent, by reason: `opted_out`, `no_recipient`, `expired` (end date passed).
    public var skipped: [String: Int]

    public init(runId: Int64? = nil, asOf: String, dryRun: Bool, selected: Int = 0, sent: Int = 0, skipped: [String: Int] = [:]) {
        self.runId = runId
        self.asOf = asOf
        self.dryRun = dryRun
        self.selected = selected
        self.sent = sent
        self.skipped = skipped
    }
}
