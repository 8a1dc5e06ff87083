/// How a line is found by its phone: the integer prefix of the keyed hash narrows the index
/// seek, the full hash decides (see `LookupKey`).
///
/// Nothing in the schema keeps two lines from holding one phone: every writer looks the phone
/// up through here before it inserts or renumbers a line, and SQLite runs one write
/// transaction at a time, so the lookup and the write cannot interleave with another's.
enum PhoneLookup {
    /// The `WHERE` condition; bind the key (`LookupKey.of(hash)`), then the hash.
    static let condition = "phone_key = ? AND phone_hash = ?"
}
