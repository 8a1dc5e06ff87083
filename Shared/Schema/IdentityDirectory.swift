import Foundation

/// How a carrier sync file applies (ID-1).
public enum SyncMode: String, Codable, Sendable {
    /// Rows are upserts; lines not in the file are left alone.
    case incremental
    /// The file is the carrier's whole list: its active lines missing from the file are cancelled.
    case full
}

/// Import a carrier sync file that lies on the filesystem shared with the identity service.
/// Accepted at once; the import runs in the background (one transaction per 10,000 rows) and
/// its report is read with `ImportStatus`.
public struct ImportDirectoryFile: BusRequest {
    public typealias Reply = ImportAccepted
    public static let messageType = MessageType.command("identity.importFile", handledBy: "identity")

    /// Absolute path of the CSV on the identity host.
    public var path: String
    public var mode: SyncMode
    /// For `full`: the carrier whose whole list the file is.
    public var carrier: Carrier?

    public init(path: String, mode: SyncMode = .incremental, carrier: Carrier? = nil) {
        self.path = path
        self.mode = mode
        self.carrier = carrier
    }
}

/// The import job created for an `ImportDirectoryFile`.
public struct ImportAccepted: BusMessage {
    public static let messageType = MessageType.reply("identity.importFile.reply")
    public var jobId: String

    public init(jobId: String) { self.jobId = jobId }
}

/// Ask for an import job's progress and report.
public struct ImportStatus: BusRequest {
    public typealias Reply = ImportReport
    public static let messageType = MessageType.query("identity.importStatus", handledBy: "identity")
    public var jobId: String

    public init(jobId: String) { self.jobId = jobId }
}

/// One rejected row of a sync file: its line number (1-based, the line the record starts on)
/// and why. Never echoes the row (it holds personal data).
public struct ImportRowError: Error, Codable, Sendable, Hashable {
    public var line: Int
    /// Stable code: `invalid_ci`, `unknown_carrier`, `invalid_phone`, `invalid_date`, …
    public var code: ErrorCode
    public var message: String

    public init(line: Int, code: ErrorCode, message: String) {
        self.line = line
        self.code = code
        self.message = message
    }

    /// Transition only, for a code still being converted (or one from `Formats.CSVError`).
    @available(*, deprecated, message: "use a static ErrorCode (ErrorCode+<Domain>.swift)")
    public init(line: Int, code: String, message: String) {
        self.init(line: line, code: ErrorCode(wire: code), message: message)
    }
}

/// What an import did. A re-sent file shows every row as `unchanged`.
public struct ImportReport: BusMessage, Hashable {
    public static let messageType = MessageType.reply("identity.importStatus.reply")

    public enum State: String, Codable, Sendable { case pending, running, finished, failed }

    public var state: State
    public var rowsRead: Int
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    /// Rows older than what the directory already holds for the line.
    public var stale: Int
    /// Lines cancelled because a full file no longer lists them.
    public var cancelledByFullSync: Int
    /// Total rejected rows; `errors` lists the first `ImportReport.errorListLimit` of them.
    public var rejected: Int
    public var errors: [ImportRowError]
    /// Why a job failed as a whole (unreadable file, unterminated quote…).
    public var failure: ImportRowError?

    public static let errorListLimit = 1_000

    public init(state: State = .pending, rowsRead: Int = 0, inserted: Int = 0, updated: Int = 0, unchanged: Int = 0,
                stale: Int = 0, cancelledByFullSync: Int = 0, rejected: Int = 0, errors: [ImportRowError] = [],
                failure: ImportRowError? = nil) {
        self.state = state
        self.rowsRead = rowsRead
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.stale = stale
        self.cancelledByFullSync = cancelledByFullSync
        self.rejected = rejected
        self.errors = errors
        self.failure = failure
    }
}

/// A number change (ID-3): the line keeps its CI mapping and gets a new number.
public struct ChangeNumber: BusRequest {
    public typealias Reply = LineUpdated
    public static let messageType = MessageType.command("identity.changeNumber", handledBy: "identity")
    public var ci: String
    public var oldPhone: String
    public var newPhone: String
    public var effectiveAt: Date

    public init(ci: String, oldPhone: String, newPhone: String, effectiveAt: Date) {
        self.ci = ci
        self.oldPhone = oldPhone
        self.newPhone = newPhone
        self.effectiveAt = effectiveAt
    }
}

/// A cancellation (해지) of one line.
public struct CancelLine: BusRequest {
    public typealias Reply = LineUpdated
    public static let messageType = MessageType.command("identity.cancelLine", handledBy: "identity")
    public var ci: String
    public var phone: String
    public var effectiveAt: Date

    public init(ci: String, phone: String, effectiveAt: Date) {
        self.ci = ci
        self.phone = phone
        self.effectiveAt = effectiveAt
    }
}

/// A single update applied (or found already applied: `changed == false`).
public struct LineUpdated: BusMessage {
    public static let messageType = MessageType.reply("identity.lineUpdated")
    public var changed: Bool

    public init(changed: Bool) { self.changed = changed }
}
