import Foundation

extension BusinessCalendar {
    /// Environment variable naming the holiday file; checked first by ``defaultURL(searching:)``.
    public static let environmentKey = "SONGDAL_HOLIDAYS"

    /// Loads a holiday file such as `data/holidays-kr.json`.
    public static func load(from url: URL) throws(CalendarError) -> BusinessCalendar {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .fileUnreadable(path: url.path, reason: Self.reason(error))
        }
        let file: HolidayFile
        do {
            file = try JSONDecoder().decode(HolidayFile.self, from: data)
        } catch {
            throw .malformed("\(url.path): \(Self.reason(error))")
        }
        return try file.calendar()
    }

    /// Where the holiday file is looked for, in order: `$SONGDAL_HOLIDAYS`,
    /// `./data/holidays-kr.json`, `<executable dir>/../share/songdal/holidays-kr.json`,
    /// `/usr/share/songdal/holidays-kr.json`.
    public static func searchLocations(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        executable: URL? = Bundle.main.executableURL
    ) -> [URL] {
        var locations: [URL] = []
        if let explicit = environment[environmentKey], !explicit.isEmpty {
            locations.append(URL(fileURLWithPath: explicit, relativeTo: currentDirectory))
        }
        locations.append(currentDirectory.appending(path: "data/holidays-kr.json"))
        if let executable {
            locations.append(executable.deletingLastPathComponent()
                .appending(path: "../share/songdal/holidays-kr.json").standardizedFileURL)
        }
        locations.append(URL(fileURLWithPath: "/usr/share/songdal/holidays-kr.json"))
        return locations
    }

    /// The first readable file among `locations`.
    public static func defaultURL(searching locations: [URL]) throws(CalendarError) -> URL {
        for url in locations where FileManager.default.isReadableFile(atPath: url.path) {
            return url
        }
        throw .fileUnreadable(
            path: locations.map(\.path).joined(separator: ", "),
            reason: "no readable holidays-kr.json in any of these places")
    }

    /// The first readable file among ``searchLocations(environment:currentDirectory:executable:)``.
    public static func defaultURL(
        searching environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(CalendarError) -> URL {
        try defaultURL(searching: searchLocations(environment: environment))
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
