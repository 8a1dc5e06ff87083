import Foundation
import GRDB
import Schema

/// Lawful-access requests (ID-6 c, seed 000): filed with a warrant reference by one operator,
/// released only on approval by a second, different operator. Refusals are ledgered.
struct LawfulAccessDesk {
    let cipher: IdentityCipher

    func file(_ request: FileLawfulAccess, now: Date, in db: Database) throws -> Result<LawfulAccessFiled, ErrorReply> {
        guard let ci = CICodec.decode(request.ci) else { throw IdentityErrors.invalidCI() }
        guard !request.authority.isEmpty else { throw IdentityErrors.missing("authority") }
        guard !request.operatorId.isEmpty else { throw IdentityErrors.missing("operatorId") }
        guard !request.fields.isEmpty else { throw IdentityErrors.missing("fields") }
        let person = cipher.ciHash(ci)
        let warrant = request.warrantReference.trimmingCharacters(in: .whitespaces)
        guard !warrant.isEmpty else {
            let refusal = ErrorReply(code: .warrantRequired, message: "a lawful-access request needs a warrant reference",
                                     field: "warrantReference")
            try DisclosureLedger.append(LedgerRecord(
                personHash: person, recipient: request.authority, fields: request.fields, purpose: request.purpose,
                basis: .lawfulAccess, reference: "", outcome: .refused, refusal: refusal.code.rawValue,
                operators: [request.operatorId], at: now), in: db)
            return .failure(refusal)
        }
        let id = "lawful-" + UUID().uuidString.lowercased()
        try db.execute(sql: """
            INSERT INTO identity_lawful_request (id, person_hash, authority, warrant, purpose, fields, filed_by, filed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, Data(person), request.authority, warrant, request.purpose,
                             StoredCodes.fieldsText(request.fields), request.operatorId, ConsentBook.millis(now)])
        return .success(LawfulAccessFiled(requestId: id))
    }

    func approve(_ request: ApproveLawfulAccess, now: Date, in db: Database) throws -> DisclosureDecision {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT person_hash, authority, warrant, purpose, fields, filed_by, approved_by FROM identity_lawful_request WHERE id = ?
            """, arguments: [request.requestId]) else {
            throw ErrorReply(code: .requestNotFound, message: "no lawful-access request with this id", field: "requestId")
        }
        guard !request.operatorId.isEmpty else { throw IdentityErrors.missing("operatorId") }
        let person = [UInt8](row[0] as Data)
        let filedBy: String = row[5]
        let fields = StoredCodes.fields(row[4])
        let warrant: String = row[2]
        var record = LedgerRecord(personHash: person, recipient: row[1], fields: fields, purpose: row[3],
                                  basis: .lawfulAccess, reference: "\(request.requestId) warrant \(warrant)",
                                  outcome: .refused, operators: [filedBy, request.operatorId], at: now)
        var refusal: ErrorReply?
        if request.operatorId == filedBy {
            refusal = ErrorReply(code: .sameOperator, message: "a second, different operator must approve", field: "operatorId")
        } else if let approver: String = row[6], approver != request.operatorId {
            refusal = ErrorReply(code: .alreadyReleased, message: "this request was already approved and released")
        }
        if let refusal {
            record.refusal = refusal.code.rawValue
            try DisclosureLedger.append(record, in: db)
            return .refused(refusal)
        }
        try db.execute(sql: """
            UPDATE identity_lawful_request SET approved_by = ?, approved_at = ? WHERE id = ? AND approved_by IS NULL
            """, arguments: [request.operatorId, ConsentBook.millis(now), request.requestId])
        record.outcome = .released
        let lines = try PersonLines.disclosed(personHash: person, fields: fields, cipher: cipher, in: db)
        let id = try DisclosureLedger.append(record, in: db)
        return .released(Disclosure(ledgerId: id, fields: fields, lines: lines))
    }
}
