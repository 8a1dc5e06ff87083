import Formats

/// The CSV cases every place that reads CSV must answer the same way (issue 18): the gateway's
/// upload check, identity's sync import, reminder's guarantee import and the notifier's campaigns.
///
/// A place gives its header and valid rows; each case builds a file out of them with one
/// structural twist, and states the answer independently of the reader: the record errors (line,
/// reason), the lines rejected for their values, and how many rows were accepted.
public enum CSVConformance {
    /// What a place reads: its header, a valid row for person `n`, and the column of the phone
    /// number (a multi-line value there is a value error everywhere).
    public struct Place: Sendable {
        public var header: [String]
        public var row: @Sendable (Int) -> [String]
        public var phoneColumn: Int

        public init(header: [String], phoneColumn: Int, row: @escaping @Sendable (Int) -> [String]) {
            self.header = header
            self.row = row
            self.phoneColumn = phoneColumn
        }
    }

    /// One entry of the answer: a record error's reason, or `value` for a row refused for its content.
    public struct Entry: Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public init(line: Int, reason: String) { self.line = line; self.reason = reason }
        public var description: String { "\(line): \(reason)" }
    }

    public struct Answer: Equatable, Sendable {
        public var entries: [Entry]
        public var accepted: Int
        public init(entries: [Entry], accepted: Int) { self.entries = entries.sorted { ($0.line, $0.reason) < ($1.line, $1.reason) }; self.accepted = accepted }
        /// Only the record errors (what the gateway's check can see).
        public var structural: [Entry] { entries.filter { $0.reason != "value" } }
    }

    public struct Case: Sendable {
        public var name: String
        public var build: @Sendable (Place) -> [UInt8]
        public var answer: @Sendable (Place) -> Answer
    }

    static func line(_ fields: [String]) -> String { fields.joined(separator: ",") }
    static func quoted(_ fields: [String]) -> String { fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") }

    static func text(_ place: Place, _ lines: [String], ending: String = "\n") -> [UInt8] {
        Array((lines.joined(separator: ending) + ending).utf8)
    }

    /// The reason a `CSVError` gives, for building answers.
    static func reason(_ error: CSVError) -> String { error.reason }

    public static let cases: [Case] = [
        Case(name: "plain rows, one quoted", build: { p in
            text(p, [line(p.header), line(p.row(1)), quoted(p.row(2)), line(p.row(3))])
        }, answer: { p in Answer(entries: [], accepted: 3) }),
        Case(name: "a quoted field with a newline and a comma is one record", build: { p in
            var multi = p.row(2)
            multi[p.phoneColumn] = "010,\n1234"
            return text(p, [line(p.header), line(p.row(1)), quoted(multi), line(p.row(3))])
        }, answer: { p in Answer(entries: [Entry(line: 3, reason: "value")], accepted: 2) }),
        Case(name: "byte order mark and CRLF", build: { p in
            [0xEF, 0xBB, 0xBF] + text(p, [line(p.header), line(p.row(1)), line(p.row(2))], ending: "\r\n")
        }, answer: { p in Answer(entries: [], accepted: 2) }),
        Case(name: "bare CR ends lines; empty lines are skipped but counted", build: { p in
            text(p, [line(p.header), line(p.row(1)), "", line(p.row(2)), "", "", line(p.row(3))], ending: "\r")
        }, answer: { p in Answer(entries: [], accepted: 3) }),
        Case(name: "ragged rows", build: { p in
            text(p, [line(p.header), line(p.row(1)), line(Array(p.row(2).dropLast())), line(p.row(3) + ["extra"]), line(p.row(4))])
        }, answer: { p in Answer(entries: [
            Entry(line: 3, reason: reason(.raggedRow(line: 3, expected: p.header.count, actual: p.header.count - 1))),
            Entry(line: 4, reason: reason(.raggedRow(line: 4, expected: p.header.count, actual: p.header.count + 1))),
        ], accepted: 2) }),
        Case(name: "broken quotes skip their line only", build: { p in
            var broken = p.row(2)
            broken[0] = "ab\"c"
            var after = p.row(3)
            after[0] = "\"" + after[0] + "\"x"
            return text(p, [line(p.header), line(p.row(1)), line(broken), line(after), line(p.row(4))])
        }, answer: { p in Answer(entries: [
            Entry(line: 3, reason: reason(.brokenQuote(line: 3))), Entry(line: 4, reason: reason(.brokenQuote(line: 4))),
        ], accepted: 2) }),
        Case(name: "invalid UTF-8 names its column", build: { p in
            text(p, [line(p.header), line(p.row(1))]) + Array(line(Array(p.row(2).prefix(1))).utf8) + Array(",".utf8) + [0xC3, 0x28]
                + Array(("," + line(Array(p.row(2).dropFirst(2))) + "\n" + line(p.row(3)) + "\n").utf8)
        }, answer: { p in Answer(entries: [Entry(line: 3, reason: reason(.invalidUTF8(line: 3, column: 2)))], accepted: 2) }),
        Case(name: "a NUL byte names its column", build: { p in
            text(p, [line(p.header), line(p.row(1))]) + [0] + text(p, [line(p.row(2)), line(p.row(3))])
        }, answer: { p in Answer(entries: [Entry(line: 3, reason: reason(.nulByte(line: 3, column: 1)))], accepted: 2) }),
        Case(name: "a quote that never closes is the rest of the file", build: { p in
            var open = p.row(2)
            open[0] = "\"" + open[0]
            return text(p, [line(p.header), line(p.row(1)), line(open), line(p.row(3))])
        }, answer: { p in Answer(entries: [Entry(line: 3, reason: reason(.unterminatedQuote(line: 3)))], accepted: 1) }),
    ]

    /// Codes a place uses for a record the reader refused (the notifier's `csv_malformed` wraps them all).
    public static let recordCodes: Set<String> = ["broken_quote", "unterminated_quote", "wrong_field_count", "invalid_utf8", "nul_byte", "csv_malformed"]

    /// An entry from a place's report: a record error keeps its message (the reader's reason),
    /// any other refusal is `value`.
    public static func entry(line: Int, code: String, message: String) -> Entry {
        Entry(line: line, reason: recordCodes.contains(code) ? message : "value")
    }

    /// The answer of the shared reader itself, for comparison and for places without value checks.
    public static func readerAnswer(_ bytes: [UInt8], columns: CSVReader.Columns = .fromFirstRecord) -> Answer {
        var reader = CSVReader(columns: columns)
        var entries: [Entry] = []
        var rows = 0
        let take: (CSVRecord) -> Void = { record in
            if let error = record.error { entries.append(Entry(line: record.line, reason: error.reason)) } else { rows += 1 }
        }
        reader.feed(bytes, take)
        reader.finish(take)
        return Answer(entries: entries, accepted: rows - 1)
    }
}
