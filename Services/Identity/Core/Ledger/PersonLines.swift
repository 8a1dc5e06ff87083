import Foundation
import GRDB
import Schema

/// A person's active lines, opened and reduced to the released fields (ID-6: minimal fields).
enum PersonLines {
    static func disclosed(personHash: [UInt8], fields: [DisclosedField], cipher: IdentityCipher,
                          in db: Database) throws -> [Disclosure.Line] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT carrier, phone_hash, phone_sealed FROM identity_line WHERE ci_key = ? AND ci_hash = ? AND status = 0 ORDER BY carrier, id
            """, arguments: [LookupKey.of(personHash), Data(personHash)])
        return try rows.map { row in
            var phone: String?
            if fields.contains(.phone) {
                let hash: Data = row[1]
                let sealed: Data = row[2]
                phone = String(decoding: try cipher.open([UInt8](sealed), hash: [UInt8](hash)), as: UTF8.self)
            }
            return Disclosure.Line(carrier: fields.contains(.carrier) ? StoredCodes.carrier(row[0]) : nil, phone: phone)
        }
    }
}
