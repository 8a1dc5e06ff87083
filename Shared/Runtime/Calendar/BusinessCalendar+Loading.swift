import Foundation

extension BusinessCalendar {
    /// Environment variable naming the holiday file; an explicit path, like `--holidays`.
    public static let environmentKey = "SONGDAL_HOLIDAYS"
    /// The holiday file's name in `data/` and in the installed share folders.
    public static let fileName = "holidays-kr.json"

    /// Loads a holiday file such as `data/holidays-kr.json`.
    public static func load(from url: URL) throws(CalendarError) -> BusinessCalendar {
        try load(from: .file(url))
    }

    /// Loads the calendar from a file or from the copy compiled into the binary.
    public static func load(from source: ReferenceDataSource) throws(CalendarError) -> BusinessCalendar {
        let data: Data
        do {
            data = try ReferenceData.data(of: source)
        } catch {
            throw .fileUnreadable(path: source.description, reason: Self.reason(error))
        }
        let file: HolidayFile
        do {
            file = try JSONDecoder().decode(HolidayFile.self, from: data)
        } catch {
            throw .malformed("\(source): \(Self.reason(error))")
        }
        return try file.calendar()
    }

    /// Where the calendar comes from, never the working folder: `explicit` (`--holidays`), else
    /// `$SONGDAL_HOLIDAYS` (a relative path is taken from `currentDirectory`), else
    /// `<executable dir>/../share/songdal/holidays-kr.json`, else
    /// `/usr/share/songdal/holidays-kr.json`, else the copy compiled into the binary.
    /// An explicit path is authoritative even when it cannot be read: a typo must not fall back.
    public static func source(
        explicit: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: URL? = Bundle.main.executableURL,
        isReadable: (URL) -> Bool = { FileManager.default.isReadableFile(atPath: $0.path) }
    ) -> ReferenceDataSource {
        var explicit = explicit
        if explicit == nil, let path = environment[environmentKey], !path.isEmpty {
            explicit = path.hasPrefix("/") ? URL(fileURLWithPath: path) : currentDirectory.appending(path: path)
        }
        return ReferenceData.source(of: fileName, explicit: explicit, executable: executable, isReadable: isReadable)
    }

    /// The calendar from ``source(explicit:environment:currentDirectory:executable:isReadable:)``:
    /// what services and benchmarks load when nothing more specific is configured.
    public static func loadDefault(
        explicit: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(CalendarError) -> BusinessCalendar {
        try load(from: source(explicit: explicit, environment: environment))
    }

    /// The calendar compiled into the binary (``EmbeddedReferenceData/holidaysKR``).
    public static func loadEmbedded() throws(CalendarError) -> BusinessCalendar {
        try load(from: .embedded(fileName))
    }

    private static func reason(_ error: any Error) -> String {
        if let decoding = error as? DecodingError {
            switch decoding {
            case .dataCorrupted(let context), .typeMismatch(_, let context),
                 .valueNotFound(_, let context), .keyNotFound(_, let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
            @unknown default:
                return String(describing: decoding)
            }
        }
        return (error as NSError).localizedDescription
    }
}
