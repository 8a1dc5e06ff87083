import Schema
import Foundation
import GRDB

/// Complete-subtree hashes read from the `log_node` table inside one database access.
struct SQLiteNodeSource: MerkleNodeSource {
    let db: Database

    func perfectHash(level: Int, index: Int) throws -> [UInt8] {
        let statement = try db.cachedStatement(sql: "SELECT hash FROM log_node WHERE level = ? AND idx = ?")
        guard let data = try Data.fetchOne(statement, arguments: [level, index]) else {
            throw MerkleProofError.indexOutOfRange
        }
        return [UInt8](data)
    }
}
