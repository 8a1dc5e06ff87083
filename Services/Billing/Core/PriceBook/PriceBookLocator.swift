import Foundation

/// Where the service finds its price book: the `price-book` setting, else `data/price-book.json`
/// under the working directory, else the repository's copy (development runs from elsewhere).
enum PriceBookLocator {
    static func url(setting: String?) -> URL {
        if let setting { return URL(fileURLWithPath: setting) }
        let local = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("data/price-book.json")
        if FileManager.default.fileExists(atPath: local.path) { return local }
        return repositoryCopy
    }

    /// `data/price-book.json` of the source tree this module was built from.
    static var repositoryCopy: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/price-book.json")
    }
}
