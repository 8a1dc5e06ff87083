import Foundation
import GRDB
import GRDBSQLite

/// A statement driven through SQLite's C API, for loops of many thousand rows per transaction.
///
/// GRDB's `StatementArguments` turn every value into an existential `DatabaseValue` and rebind
/// every column on each execution: fine for a request, a large share of the time of a million-row
/// import. Here values are bound in place, columns that do not change between rows stay bound
/// (SQLite keeps bindings across `sqlite3_reset`), and results are read column by column.
///
/// Like every GRDB statement it belongs to the connection it came from: create and use it
/// inside one `read`/`write` closure. Indexes are 1-based for parameters (as in SQLite) and
/// 0-based for result columns.
public final class BoundStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private let sql: String

    /// Wraps the connection's cached statement for `sql` (prepared once per connection), reset
    /// and with no bindings.
    public init(_ db: Database, cached sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        self.sql = sql
        try check(sqlite3_reset(handle))
        try check(sqlite3_clear_bindings(handle))
    }

    public func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    public func bind(_ value: Int, at index: Int32) throws {
        try bind(Int64(value), at: index)
    }

    /// Binds `value`, or NULL when it is nil.
    public func bind(_ value: Int?, at index: Int32) throws {
        if let value { try bind(Int64(value), at: index) } else { try check(sqlite3_bind_null(handle, index)) }
    }

    /// Binds a copy of `bytes` as a blob.
    public func bind(_ bytes: [UInt8], at index: Int32) throws {
        let code = bytes.withUnsafeBytes { buffer in
            // A zero-length blob needs a non-NULL pointer, or SQLite binds NULL.
            sqlite3_bind_blob(handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), Self.transient)
        }
        try check(code)
    }

    /// Binds a copy of `text`.
    public func bind(_ text: String, at index: Int32) throws {
        var text = text
        let code = text.withUTF8 { utf8 in
            sqlite3_bind_text(handle, index, UnsafeRawPointer(utf8.baseAddress ?? UnsafePointer(bitPattern: 1))?
                .assumingMemoryBound(to: CChar.self), Int32(utf8.count), Self.transient)
        }
        try check(code)
    }

    /// Binds `text`, or NULL when it is nil.
    public func bind(_ text: String?, at index: Int32) throws {
        if let text { try bind(text, at: index) } else { try check(sqlite3_bind_null(handle, index)) }
    }

    /// Runs a statement that returns no rows, then resets it (bindings stay).
    public func execute() throws {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// Steps to the next row: true when one is available, false when done (then reset).
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw error(code) }
        return false
    }

    /// Ends a query early (before `step` returned false), keeping the bindings.
    public func reset() { sqlite3_reset(handle) }

    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    public func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// The column's bytes (a copy; empty for NULL).
    public func bytes(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let base = sqlite3_column_blob(handle, column) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: base, count: count))
    }

    // SQLITE_TRANSIENT: SQLite copies the value before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func check(_ code: Int32) throws {
        guard code != SQLITE_OK else { return }
        throw error(code)
    }

    private func error(_ code: Int32) -> DatabaseError {
        let message = sqlite3_errmsg(sqlite3_db_handle(handle)).map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }
}
