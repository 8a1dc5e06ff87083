import Foundation
import Runtime

/// Where the service finds its price book, never by the working folder: the `price-book` setting
/// (authoritative: a typo is an error, not a fall-back), else the installed share folders
/// (`<executable dir>/../share/songdal/price-book.json`, `/usr/share/songdal/price-book.json`),
/// else the copy compiled into the binary (`data/price-book.json` at build time).
enum PriceBookLocator {
    static let fileName = "price-book.json"

    static func source(setting: String?, executable: URL? = Bundle.main.executableURL) -> ReferenceDataSource {
        ReferenceData.source(of: fileName, explicit: setting.map { URL(fileURLWithPath: $0) }, executable: executable)
    }
}
