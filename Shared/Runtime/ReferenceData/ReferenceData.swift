import Foundation

/// Where a reference-data file (the holiday calendar, the price book) comes from.
public enum ReferenceDataSource: Equatable, Sendable, CustomStringConvertible {
    /// A file on disk: an explicit path or an installed copy.
    case file(URL)
    /// The copy compiled into the binary (``EmbeddedReferenceData``), by file name.
    case embedded(String)

    /// The path, or `embedded <name>`: what a start-up log line names.
    public var description: String {
        switch self {
        case .file(let url): url.path
        case .embedded(let name): "embedded \(name)"
        }
    }
}

/// Finds reference data wherever the binaries run, never by the working folder.
///
/// In order: an explicit path (a setting, flag or environment variable), which is authoritative —
/// a typo is an error, never a fall-back to another file; then the installed share folders,
/// `<executable dir>/../share/songdal/<name>` and `/usr/share/songdal/<name>`; then the copy
/// compiled into the binary, so a static binary copied alone into a container still starts.
public enum ReferenceData {
    /// The compiled-in text of a reference file, by its name in `data/`.
    public static func embeddedText(_ name: String) -> String? {
        switch name {
        case "holidays-kr.json": EmbeddedReferenceData.holidaysKR
        case "price-book.json": EmbeddedReferenceData.priceBook
        default: nil
        }
    }

    /// The installed copies looked for, in order.
    public static func installedLocations(of name: String, executable: URL? = Bundle.main.executableURL) -> [URL] {
        var locations: [URL] = []
        if let executable {
            locations.append(executable.deletingLastPathComponent()
                .appending(path: "../share/songdal/\(name)").standardizedFileURL)
        }
        locations.append(URL(fileURLWithPath: "/usr/share/songdal/\(name)"))
        return locations
    }

    /// The explicit file when there is one (readable or not), else the first readable installed
    /// copy, else the compiled-in copy.
    public static func source(
        of name: String,
        explicit: URL?,
        executable: URL? = Bundle.main.executableURL,
        isReadable: (URL) -> Bool = { FileManager.default.isReadableFile(atPath: $0.path) }
    ) -> ReferenceDataSource {
        if let explicit { return .file(explicit) }
        for url in installedLocations(of: name, executable: executable) where isReadable(url) {
            return .file(url)
        }
        return .embedded(name)
    }

    /// The bytes of `source`; an unknown embedded name reads as a missing file.
    public static func data(of source: ReferenceDataSource) throws -> Data {
        switch source {
        case .file(let url):
            return try Data(contentsOf: url)
        case .embedded(let name):
            guard let text = embeddedText(name) else {
                throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: "embedded \(name)"])
            }
            return Data(text.utf8)
        }
    }
}
