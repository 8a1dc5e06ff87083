import Foundation
import GRDB
import Schema
import Store

/// The append-only disclosure ledger (ID-6): every release of personal data, and every refused
/// attempt, with who, which fields, purpose, legal basis and when. Listed per person.
enum DisclosureLedger {
    private static let insert = """
        INSERT INTO identity_ledger (person_hash, person_key, recipient, fields, purpose, basis, reference, outcome, refusal, operators, at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Appends `record`; returns its ledger id.
    @discardableResult
    static func append(_ record: LedgerRecord, in db: Database) throws -> Int64 {
        let statement = try db.cachedStatement(sql: insert)
        statement.setUncheckedArguments([
            Data(record.personHash), LookupKey.of(record.personHash), record.recipient, StoredCodes.fieldsText(record.fields), record.purpose,
            record.basis.rawValue, record.reference, record.outcome.rawValue, record.refusal,
            record.operators.joined(separator: ","), Int64(record.at.timeIntervalSince1970 * 1000),
        ])
        try statement.execute()
        return db.lastInsertedRowID
    }

    /// Appends one row per `(personHash, reference)`, all otherwise equal to `template` (a
    /// batch of notice releases): the shared columns are bound once, not per row.
    static func append(_ template: LedgerRecord, people: [(personHash: [UInt8], reference: String)], in db: Database) throws {
        let statement = try BoundStatement(db, cached: insert)
        try statement.bind(template.recipient, at: 3)
        try statement.bind(StoredCodes.fieldsText(template.fields), at: 4)
        try statement.bind(template.purpose, at: 5)
        try statement.bind(template.basis.rawValue, at: 6)
        try statement.bind(template.outcome.rawValue, at: 8)
        try statement.bind(template.refusal, at: 9)
        try statement.bind(template.operators.joined(separator: ","), at: 10)
        try statement.bind(Int64(template.at.timeIntervalSince1970 * 1000), at: 11)
        for person in people {
            try statement.bind(person.personHash, at: 1)
            try statement.bind(LookupKey.of(person.personHash), at: 2)
            try statement.bind(person.reference, at: 7)
            try statement.execute()
        }
    }

    /// A person's entries, oldest first.
    static func list(personHash: [UInt8], in db: Database) throws -> [LedgerEntry] {
        try Row.fetchAll(db, sql: """
            SELECT id, recipient, fields, purpose, basis, reference, outcome, refusal, operators, at
            FROM identity_ledger WHERE person_key = ? AND person_hash = ? ORDER BY id
            """, arguments: [LookupKey.of(personHash), Data(personHash)]).map { row in
            let operators: String = row[8]
            return LedgerEntry(
                id: row[0], recipient: row[1], fields: StoredCodes.fields(row[2]), purpose: row[3],
                legalBasis: LegalBasis(rawValue: row[4]) ?? .notice, reference: row[5],
                outcome: LedgerEntry.Outcome(rawValue: row[6]) ?? .refused, refusal: row[7],
                operators: operators.split(separator: ",").map(String.init),
                at: Date(timeIntervalSince1970: Double(row[9] as Int64) / 1000))
        }
    }
}
