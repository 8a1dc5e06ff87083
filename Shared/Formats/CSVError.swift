/// Why one CSV record could not be read (issue 18: the one reader's errors). `line` is always the
/// 1-based physical line the record starts on; `column` the 1-based field. No error ever carries
/// the field's bytes (they may be personal data).
public enum CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A quote inside an unquoted field, or text after a closing quote. The rest of that physical
    /// line is skipped and reading goes on with the next line.
    case brokenQuote(line: Int)
    /// A quoted field still open at the end of the input: the rest of the input is that record.
    case unterminatedQuote(line: Int)
    /// A record with another number of fields than the header (or the fixed column count).
    case raggedRow(line: Int, expected: Int, actual: Int)
    /// A field that is not valid UTF-8 (never replaced).
    case invalidUTF8(line: Int, column: Int)
    /// A field holding a NUL byte (never stripped).
    case nulByte(line: Int, column: Int)

    public var line: Int {
        switch self {
        case .brokenQuote(let line), .unterminatedQuote(let line), .raggedRow(let line, _, _),
             .invalidUTF8(let line, _), .nulByte(let line, _): line
        }
    }

    /// A stable machine code, the same wherever the file was read.
    public var code: String {
        switch self {
        case .brokenQuote: "broken_quote"
        case .unterminatedQuote: "unterminated_quote"
        case .raggedRow: "wrong_field_count"
        case .invalidUTF8: "invalid_utf8"
        case .nulByte: "nul_byte"
        }
    }

    /// The explanation without the line (callers that report the line separately use this).
    public var reason: String {
        switch self {
        case .brokenQuote: "a quote inside an unquoted field, or text after a closing quote"
        case .unterminatedQuote: "a quoted field that never closes"
        case .raggedRow(_, let expected, let actual): "expected \(expected) fields, found \(actual)"
        case .invalidUTF8(_, let column): "column \(column) is not valid UTF-8"
        case .nulByte(_, let column): "column \(column) contains a NUL byte"
        }
    }

    public var description: String { "line \(line): \(reason)" }
}
