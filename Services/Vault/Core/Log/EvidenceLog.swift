import Schema
import Foundation
import GRDB
import Store

/// The one append-only Merkle log of the vault (VA-4), kept in SQLite.
///
/// `log_leaf` holds the leaf bytes; `log_node` holds every complete subtree hash by level, so an
/// append writes the leaf plus the subtrees it completes (O(1) amortised, O(log n) at worst) and
/// a root or proof only reads O(log n) stored hashes. Triggers refuse updates and deletes.
public enum EvidenceLog {
    /// Schema of the log tables.
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE log_leaf (
                idx INTEGER PRIMARY KEY, document_id TEXT NOT NULL, event TEXT NOT NULL, data BLOB NOT NULL);
            CREATE INDEX log_leaf_document ON log_leaf(document_id);
            CREATE TABLE log_node (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL,
                PRIMARY KEY (level, idx)) WITHOUT ROWID;
            CREATE TRIGGER log_leaf_no_update BEFORE UPDATE ON log_leaf BEGIN SELECT RAISE(ABORT, 'evidence log is append-only'); END;
            CREATE TRIGGER log_leaf_no_delete BEFORE DELETE ON log_leaf BEGIN SELECT RAISE(ABORT, 'evidence log is append-only'); END;
            CREATE TRIGGER log_node_no_update BEFORE UPDATE ON log_node BEGIN SELECT RAISE(ABORT, 'evidence log is append-only'); END;
            CREATE TRIGGER log_node_no_delete BEFORE DELETE ON log_node BEGIN SELECT RAISE(ABORT, 'evidence log is append-only'); END;
            """)
    }

    /// Number of leaves.
    public static func size(_ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(idx) + 1, 0) FROM log_leaf")) ?? 0
    }

    /// Appends `record` and returns its leaf index.
    @discardableResult
    public static func append(_ record: EvidenceRecord, in db: Database) throws -> Int {
        try append(records: [record], in: db).lowerBound
    }

    /// Appends records in order; returns their leaf indices.
    @discardableResult
    public static func append(records: [EvidenceRecord], in db: Database) throws -> Range<Int> {
        let first = try size(db)
        // Bound in place (Store.BoundStatement): a batch is thousands of leaves and twice as
        // many nodes, and GRDB's per-execution argument boxing was a third of the append time.
        let insertLeaf = try BoundStatement(db, cached: "INSERT INTO log_leaf (idx, document_id, event, data) VALUES (?, ?, ?, ?)")
        let insertNode = try BoundStatement(db, cached: "INSERT INTO log_node (level, idx, hash) VALUES (?, ?, ?)")
        func node(_ level: Int, _ position: Int, _ hash: [UInt8]) throws {
            try insertNode.bind(level, at: 1)
            try insertNode.bind(position, at: 2)
            try insertNode.bind(hash, at: 3)
            try insertNode.execute()
        }
        let source = SQLiteNodeSource(db: db)
        // Right edge written by this batch (level → position, hash): saves reading back fresh nodes.
        var pending: [Int: (position: Int, hash: [UInt8])] = [:]
        for (offset, record) in records.enumerated() {
            let index = first + offset
            let bytes = record.bytes
            try insertLeaf.bind(index, at: 1)
            try insertLeaf.bind(record.documentId, at: 2)
            try insertLeaf.bind(record.type.rawValue, at: 3)
            try insertLeaf.bind(bytes, at: 4)
            try insertLeaf.execute()
            var hash = MerkleHash.leaf(bytes)
            try node(0, index, hash)
            var level = 0, position = index
            while position & 1 == 1 {
                let left: [UInt8]
                if let edge = pending[level], edge.position == position - 1 {
                    left = edge.hash
                } else {
                    left = try source.perfectHash(level: level, index: position - 1)
                }
                hash = MerkleHash.node(left, hash)
                level += 1
                position >>= 1
                try node(level, position, hash)
            }
            pending[level] = (position, hash)
        }
        return first..<(first + records.count)
    }

    /// The root of the first `size` leaves.
    public static func root(size: Int, in db: Database) throws -> [UInt8] {
        try MerkleMath.root(SQLiteNodeSource(db: db), size: size)
    }

    /// The inclusion proof of leaf `index` in the tree of `size` leaves.
    public static func inclusionProof(index: Int, size: Int, in db: Database) throws -> [[UInt8]] {
        try MerkleMath.inclusionProof(SQLiteNodeSource(db: db), index: index, size: size)
    }

    /// The consistency proof between trees of `first` and `second` leaves.
    public static func consistencyProof(first: Int, second: Int, in db: Database) throws -> [[UInt8]] {
        guard second <= (try size(db)) else { throw MerkleProofError.indexOutOfRange }
        return try MerkleMath.consistencyProof(SQLiteNodeSource(db: db), first: first, second: second)
    }

    /// The leaf bytes at `index`.
    public static func leaf(at index: Int, in db: Database) throws -> [UInt8]? {
        try Data.fetchOne(db, sql: "SELECT data FROM log_leaf WHERE idx = ?", arguments: [index]).map { [UInt8]($0) }
    }

    /// Leaf indices of a document's events, in order.
    public static func leaves(of documentId: String, in db: Database) throws -> [Int] {
        try Int.fetchAll(db, sql: "SELECT idx FROM log_leaf WHERE document_id = ? ORDER BY idx", arguments: [documentId])
    }
}
