import Foundation

/// A structural check of an uploaded CSV (RFC 4180 quoting) before it is handed to a service, so
/// a broken quote is answered at once as `csv_malformed` with its line instead of surfacing later
/// (or as a half-imported file). Row semantics stay with the service that owns them.
enum CSVCheck {
    static func validate(_ text: String) throws {
        try validate(bytes: Array(text.utf8))
    }

    static func validate(file url: URL) throws {
        let data = try Data(contentsOf: url, options: .alwaysMapped)
        try data.withUnsafeBytes { try validate(bytes: $0) }
    }

    static func validate<Bytes: Collection<UInt8>>(bytes: Bytes) throws {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var line = 1
        var quoteOpenedOn = 0
        var inQuotes = false
        var atFieldStart = true
        var afterClosingQuote = false
        var iterator = bytes.makeIterator()
        var pending: UInt8? = iterator.next()
        while let byte = pending {
            pending = iterator.next()
            if inQuotes {
                if byte == quote {
                    if pending == quote {
                        pending = iterator.next()  // an escaped quote inside a quoted field
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else if byte == newline {
                    line += 1
                }
                continue
            }
            switch byte {
            case quote:
                guard atFieldStart else { throw malformed(line, "a quote inside an unquoted field") }
                inQuotes = true
                quoteOpenedOn = line
                atFieldStart = false
            case comma:
                atFieldStart = true
                afterClosingQuote = false
            case newline:
                line += 1
                atFieldStart = true
                afterClosingQuote = false
            case cr:
                guard pending == newline || pending == nil else { throw malformed(line, "a bare carriage return") }
            default:
                guard !afterClosingQuote else { throw malformed(line, "text after a closing quote") }
                atFieldStart = false
            }
        }
        if inQuotes { throw malformed(quoteOpenedOn, "a quoted field that never closes") }
    }

    private static func malformed(_ line: Int, _ reason: String) -> Problem {
        Problem.invalid("csv_malformed", "line \(line): \(reason)", line: line)
    }
}
