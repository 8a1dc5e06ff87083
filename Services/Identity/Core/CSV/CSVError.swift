/// A record the CSV reader could not read (RFC 4180). `line` is the 1-based line the record
/// starts on.
public enum CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A quote inside an unquoted field, or text after a closing quote. The rest of that line
    /// is skipped and reading goes on.
    case brokenQuote(line: Int)
    /// A quoted field still open at the end of the file: the rest of the file is lost.
    case unterminatedQuote(line: Int)
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)

    public var line: Int? {
        switch self {
        case .brokenQuote(let line), .unterminatedQuote(let line): line
        case .unreadable: nil
        }
    }

    public var code: String {
        switch self {
        case .brokenQuote: "broken_quote"
        case .unterminatedQuote: "unterminated_quote"
        case .unreadable: "unreadable_file"
        }
    }

    public var description: String {
        switch self {
        case .brokenQuote(let line): "broken quote in the record starting on line \(line)"
        case .unterminatedQuote(let line): "quoted field opened on line \(line) never closes"
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        }
    }
}
