import Foundation
import GRDB

/// Enforces append-only rates across restarts: every rate ever loaded is remembered in the store,
/// and a later price book that changes or drops one is refused at start-up.
enum PriceBookHistory {
    static func check(_ book: PriceBook, in db: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var current: [String: String] = [:]
        for rate in book.rates.values.joined() {
            current["\(rate.item)|\(rate.effectiveFrom)"] = String(decoding: try encoder.encode(rate), as: UTF8.self)
        }
        let known = try Row.fetchAll(db, sql: "SELECT item, effective_from, body FROM price_rate")
        for row in known {
            let item: String = row["item"]
            let from: String = row["effective_from"]
            guard current["\(item)|\(from)"] == (row["body"] as String) else {
                throw PriceBookError.rateRewritten(item: item, from: from)
            }
        }
        for (key, body) in current {
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            try db.execute(sql: "INSERT OR IGNORE INTO price_rate (item, effective_from, body) VALUES (?, ?, ?)",
                           arguments: [parts[0], parts[1], body])
        }
    }
}
