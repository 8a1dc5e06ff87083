/// A validated row with its lookup hashes and sealed boxes made ahead of the write, off the
/// writer's thread (see `RowPreparer`). The boxes are discarded when the row turns out
/// unchanged, so a re-sent file still writes nothing.
struct PreparedRow: Sendable {
    var row: DirectoryRow
    var ciHash: [UInt8]
    var phoneHash: [UInt8]
    /// `LookupKey.of(phoneHash)`: the line's place in the phone index.
    var phoneKey: Int64
    /// The row's place in its batch (file order).
    var sequence: Int
    var ciSealed: [UInt8]
    var phoneSealed: [UInt8]
}
