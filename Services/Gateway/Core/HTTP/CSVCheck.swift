import Formats
import Foundation

/// A structural check of an uploaded CSV before it is handed to a service, with the platform's
/// one CSV reader (Formats) — the same reader the service will use, so a file that passes here
/// reads the same way there (quoted fields may span lines; CRLF and bare CR end lines; a BOM is
/// skipped). A broken or unclosed quote, invalid UTF-8 or a NUL byte is answered at once as
/// `csv_malformed` with its line. A ragged row is not refused here: it is a bad row, which the
/// service reports by line while the good rows go (ID-1, NO-7); `problems` lists it all the same.
enum CSVCheck {
    static func validate(_ text: String) throws {
        try validate(bytes: Array(text.utf8))
    }

    static func validate(file url: URL) throws {
        let data = try Data(contentsOf: url, options: .alwaysMapped)
        try data.withUnsafeBytes { try validate(bytes: $0) }
    }

    static func validate<Bytes: Collection<UInt8>>(bytes: Bytes) throws {
        if let first = problems(bytes: bytes, limit: 1, includingRagged: false).first { throw malformed(first) }
    }

    /// Every record error of the file, in order (at most `limit`).
    static func problems<Bytes: Collection<UInt8>>(bytes: Bytes, columns: CSVReader.Columns = .fromFirstRecord,
                                                   limit: Int = 1_000, includingRagged: Bool = true) -> [CSVError] {
        var reader = CSVReader(columns: columns)
        var found: [CSVError] = []
        let take: (CSVRecord) -> Void = { record in
            guard let error = record.error, found.count < limit else { return }
            if case .raggedRow = error, !includingRagged { return }
            found.append(error)
        }
        reader.feed(bytes, take)
        reader.finish(take)
        return found
    }

    static func malformed(_ error: CSVError) -> Problem {
        Problem.invalid(.csvMalformed, error.description, line: error.line)
    }
}
