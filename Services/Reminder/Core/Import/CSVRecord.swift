/// One record of a CSV file: its fields, or why it could not be read.
public struct CSVRecord: Sendable {
    /// The line the record starts on (1-based).
    public var line: Int
    public var fields: [String]
    /// Set when the record's quoting is broken; `fields` is then incomplete.
    public var error: ReminderInputError?
}
